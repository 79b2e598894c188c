import { Type, type TSchema } from '@sinclair/typebox';

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

export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('planner'),
  Type.Literal('contributor'),
  Type.Literal('viewer'),
]);

export const TenantSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('landkreis'), Type.Literal('kreisfreie_stadt'), Type.Literal('state')]),
});

/** Adds the standard problem responses to a route's response map. */
export function withProblems<T extends Record<number, TSchema>>(responses: T, statuses: number[] = [400, 401, 403, 404, 422]) {
  const out: Record<number, TSchema> = { ...responses };
  for (const s of statuses) out[s] = Type.Ref('Problem');
  return out;
}
