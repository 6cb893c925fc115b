// Every layout, in detection order: folder-shaped layouts first, then names, then
// content markers; `plain` last (it takes whatever .sql nothing else claimed).
import type { LayoutName } from '../../types';
import type { Layout } from '../layout';
import { dbmate } from './dbmate';
import { diesel } from './diesel';
import { flyway } from './flyway';
import { golangMigrate } from './golang-migrate';
import { goose } from './goose';
import { nodePgMigrate } from './node-pg-migrate';
import { plain } from './plain';
import { prisma } from './prisma';
import { sqitch } from './sqitch';
import { temporalSqlTool } from './temporal-sql-tool';

/** All layouts in the order detection tries them. */
export const layouts: readonly Layout[] = [sqitch, temporalSqlTool, diesel, prisma, golangMigrate, flyway, goose, dbmate, nodePgMigrate, plain];

/** The layout called `name`, or undefined. */
export function layoutNamed(name: string): Layout | undefined {
  return layouts.find((l) => l.name === name);
}

/** The names accepted by `--layout`, in the order users read them (DESIGN.md's list, then additions). */
export const layoutNames: readonly LayoutName[] = ['golang-migrate', 'dbmate', 'goose', 'diesel', 'flyway', 'sqitch', 'prisma', 'node-pg-migrate', 'plain', 'temporal-sql-tool'];
