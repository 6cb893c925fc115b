// What migration-guard knows of one migration framework: how to recognise a
// project, which commands migrate and roll back one step, how it records its
// migrations, and where a migration's source file and up/down functions are.

import type { VersionTable } from '../capture/noise';
import type { FrameworkName } from './names';

export type { FrameworkName } from './names';

export const FRAMEWORK_NAMES: readonly FrameworkName[] = ['alembic', 'django', 'rails', 'knex', 'typeorm', 'sequelize', 'node-pg-migrate', 'ecto'];

/** A framework project: its folder and its files (relative, `/`-separated, dependencies left out). */
export interface Project {
  dir: string;
  files: readonly string[];
  /** A file's text (cached). */
  read(file: string): string;
}

export interface Framework {
  name: FrameworkName;
  /** The marker that makes the folder a project of this framework (`alembic.ini`), or undefined (TypeORM: only by flag). */
  detect(project: Project): string | undefined;
  /** The command that applies every pending migration. */
  migrate(project: Project): string;
  /** The command that reverts the newest applied migration (one step); `applied` oldest first. */
  rollback(project: Project, applied: readonly string[]): string;
  /** The command that applies the next pending migration only, where the framework has one (`alembic upgrade +1`). */
  step?(project: Project): string;
  versionTable: VersionTable;
  /** The source file of a migration id, relative to the project's folder. */
  sourceOf(id: string, project: Project): string | undefined;
  /** Lines that open the up (`def upgrade`) and down functions, for statements whose text is not in the file. */
  upFunction: RegExp;
  downFunction: RegExp;
  /** What the project's settings must read for the throwaway database to reach the framework (README, errors). */
  settings: string;
}

/** The project's files whose base name is `name` (with or without its extension). */
export function filesNamed(project: Project, name: string): string[] {
  return project.files.filter((f) => {
    const base = f.slice(f.lastIndexOf('/') + 1);
    return base === name || base.replace(/\.[^.]+$/, '') === name;
  });
}
