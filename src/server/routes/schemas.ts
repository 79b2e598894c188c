import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

/** Shared response schemas (problem details, tenant keys) used by several route files. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    errors: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { $id: 'Problem', description: 'RFC 9457 Problem Details mit deutscher Meldung' },
);

export const TenantKeyParam = Type.String({
  pattern: '^\\d{2}(\\d{3})?$',
  description: 'Kreisschlüssel (5 Ziffern) oder Landesschlüssel (2 Ziffern)',
});

/** A string enum as plain JSON Schema `enum` (clear validation messages and OpenAPI output). */
export function StringEnum<T extends string>(values: readonly T[], options: { description?: string } = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

/**
 * The schema or null. A plain type becomes a JSON type list (`["integer", "null"]`), so that
 * Ajv's type coercion never turns 0, "" or false into null (or null into 0 or "") the way it
 * does inside the first branch of an anyOf; objects and arrays stay an anyOf with null.
 */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const plain = schema as unknown as { type?: unknown; enum?: unknown[] };
  if (typeof plain.type === 'string' && plain.type !== 'object' && plain.type !== 'array')
    return Type.Unsafe<Static<T> | null>({
      ...schema,
      type: [plain.type, 'null'],
      ...(plain.enum ? { enum: [...plain.enum, null] } : {}),
    });
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
}

export const RoleSchema = StringEnum(['admin', 'planner', 'contributor', 'viewer'] as const);

export const TenantSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  kind: StringEnum(['landkreis', 'kreisfreie_stadt', 'state'] as const),
});

/** Adds the standard problem responses to a route's response map. */
export function withProblems<T extends Record<number, TSchema>>(responses: T, statuses: number[] = [400, 401, 403, 404, 422]) {
  const out: Record<number, TSchema> = { ...responses };
  for (const s of statuses) out[s] = Type.Ref('Problem');
  return out;
}
