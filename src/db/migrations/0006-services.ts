import { sql, type Kysely } from 'kysely';

/**
 * The service register (Angebote, HSDS 3): organisations, locations, services and their links,
 * per tenant. Nested HSDS objects live in the `data` JSON of their owner; `import_id` names the
 * import that last wrote a row and `service_import_superseded` keeps the rows an import replaced,
 * so that the import can be rolled back. Also: the review queue of provider changes, the
 * municipality's taxonomy overrides and the links of provider accounts to organisations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_organizations')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('private_person', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('import_id', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_organizations_pk', ['tenant_key', 'id'])
    .execute();
  await db.schema
    .createTable('service_locations')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('import_id', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_locations_pk', ['tenant_key', 'id'])
    .execute();
  await db.schema
    .createTable('services')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('archived', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('assured_date', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('import_id', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('services_pk', ['tenant_key', 'id'])
    .execute();
  await db.schema.createIndex('services_organization_idx').on('services').columns(['tenant_key', 'organization_id']).execute();
  await db.schema
    .createTable('service_at_locations')
    .addColumn('tenant_key', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('import_id', 'integer')
    .addPrimaryKeyConstraint('service_at_locations_pk', ['tenant_key', 'id'])
    .addUniqueConstraint('service_at_locations_link_uq', ['tenant_key', 'service_id', 'location_id'])
    .addForeignKeyConstraint(
      'service_at_locations_service_fk',
      ['tenant_key', 'service_id'],
      'services',
      ['tenant_key', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'service_at_locations_location_fk',
      ['tenant_key', 'location_id'],
      'service_locations',
      ['tenant_key', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createTable('service_import_superseded')
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('tenant_key', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('row', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_import_superseded_pk', ['import_id', 'entity', 'id'])
    .execute();
  await db.schema
    .createTable('service_change_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('proposed', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('service_change_requests_queue_idx')
    .on('service_change_requests')
    .columns(['tenant_key', 'status', 'submitted_at'])
    .execute();
  await db.schema
    .createTable('service_taxonomy_overrides')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('vocabulary', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('minimum_age', 'integer')
    .addColumn('maximum_age', 'integer')
    .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_taxonomy_overrides_pk', ['tenant_key', 'key'])
    .execute();
  await db.schema
    .createTable('service_providers')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_providers_pk', ['tenant_key', 'user_id', 'organization_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'service_providers',
    'service_taxonomy_overrides',
    'service_change_requests',
    'service_import_superseded',
    'service_at_locations',
    'services',
    'service_locations',
    'service_organizations',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
