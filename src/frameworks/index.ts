// The framework registry: detection over a project's files and lookup by name.

import { UsageError } from '../errors';
import { alembic } from './presets/alembic';
import { django } from './presets/django';
import { ecto } from './presets/ecto';
import { knex } from './presets/knex';
import { nodePgMigrate } from './presets/node-pg-migrate';
import { rails } from './presets/rails';
import { sequelize } from './presets/sequelize';
import { typeorm } from './presets/typeorm';
import { FRAMEWORK_NAMES, type Framework, type FrameworkName, type Project } from './types';

export const FRAMEWORKS: Record<FrameworkName, Framework> = { alembic, django, rails, knex, typeorm, sequelize, 'node-pg-migrate': nodePgMigrate, ecto };

/** The framework named by --framework / config; UsageError for an unknown name. */
export function frameworkNamed(name: string): Framework {
  const f = FRAMEWORKS[name as FrameworkName];
  if (!f) throw new UsageError(`--framework must be one of ${FRAMEWORK_NAMES.join(', ')} (got "${name}")`);
  return f;
}

/** The framework whose markers the project has; undefined when none; exit 2 when several. */
export function detectFramework(project: Project, shown: string): Framework | undefined {
  const found = FRAMEWORK_NAMES.map((n) => ({ f: FRAMEWORKS[n], marker: FRAMEWORKS[n].detect(project) })).filter((x) => x.marker);
  if (found.length > 1) {
    throw new UsageError(`${shown} looks like a project of several frameworks (${found.map((x) => `${x.f.name}: ${x.marker}`).join('; ')}): name one with --framework or framework.name`);
  }
  return found[0]?.f;
}
