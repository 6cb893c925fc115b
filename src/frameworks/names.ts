// The frameworks migration-guard runs (a leaf module: the core types name them too).

/** A framework whose own migrate/rollback commands verify runs. */
export type FrameworkName = 'alembic' | 'django' | 'rails' | 'knex' | 'typeorm' | 'sequelize' | 'node-pg-migrate' | 'ecto';
