import { describe, expect, it } from 'vitest';
import { entityIndexesFrom } from '../../src/upstream/entity-indexes.js';
import { compareSortValues, satisfies, satisfiesFilters, unknownConditions } from '../../src/upstream/kvs-conditions.js';

const c = (condition: string, ...values: unknown[]) => ({ condition, values });

describe('KVS conditions', () => {
  it('compare two numbers or two strings, and nothing else', () => {
    expect(satisfies(5, c('GREATER_THAN', 4))).toBe(true);
    expect(satisfies('b', c('GREATER_THAN', 'a'))).toBe(true);
    expect(satisfies('5', c('GREATER_THAN', 4))).toBe(false);
    expect(satisfies(3, c('BETWEEN', 3, 5))).toBe(true);
    expect(satisfies(6, c('BETWEEN', 3, 5))).toBe(false);
    expect(satisfies(2, c('LESS_THAN_EQUAL_TO', 2))).toBe(true);
    expect(satisfies(true, c('EQUAL_TO', true))).toBe(true);
    expect(satisfies(undefined, c('NOT_EQUAL_TO', 1))).toBe(false);
  });

  it('read strings and arrays for beginsWith and contains, and presence for exists', () => {
    expect(satisfies('SUP-42', c('BEGINS_WITH', 'SUP-'))).toBe(true);
    expect(satisfies(['bug', 'ui'], c('CONTAINS', 'ui'))).toBe(true);
    expect(satisfies('a bug here', c('NOT_CONTAINS', 'feature'))).toBe(true);
    expect(satisfies(null, c('EXISTS', true))).toBe(false);
    expect(satisfies(undefined, c('NOT_EXISTS', true))).toBe(true);
    expect(satisfies(1, c('IN', [1]))).toBe(false);
  });

  it('combine filters with and / or, and name the conditions they do not know', () => {
    const attrs = { age: 30, name: 'Ann' };
    expect(
      satisfiesFilters(attrs, {
        and: [
          { property: 'age', ...c('GREATER_THAN', 18) },
          { property: 'name', ...c('BEGINS_WITH', 'B') },
        ],
      }),
    ).toBe(false);
    expect(
      satisfiesFilters(attrs, {
        or: [
          { property: 'age', ...c('GREATER_THAN', 18) },
          { property: 'name', ...c('BEGINS_WITH', 'B') },
        ],
      }),
    ).toBe(true);
    expect(satisfiesFilters(attrs, undefined)).toBe(true);
    expect(
      unknownConditions({
        and: [
          { property: 'a', ...c('IN', 1) },
          { property: 'b', ...c('EXISTS', true) },
        ],
      }),
    ).toEqual(['IN']);
  });

  it('order sort keys numbers first, then strings, missing last', () => {
    expect([undefined, 'b', 10, 'a', 2].sort(compareSortValues)).toEqual([2, 10, 'a', 'b', undefined]);
  });
});

describe('entity indexes', () => {
  const manifest = {
    app: {
      storage: {
        entities: [{ name: 'employee', attributes: {}, indexes: ['surname', { name: 'by-team', partition: ['team'], range: ['age'] }] }],
      },
    },
  };

  it('come from the manifest, in both its forms', () => {
    const indexes = entityIndexesFrom(manifest);
    expect(indexes('employee', 'surname')).toEqual({ partition: [], range: ['surname'], source: 'manifest' });
    expect(indexes('employee', 'by-team')).toEqual({ partition: ['team'], range: ['age'], source: 'manifest' });
  });

  it('are refused when the manifest declares the entity without that index', () => {
    expect(entityIndexesFrom(manifest)('employee', 'age')).toEqual({
      unknown: 'index "age" of custom entity "employee", which manifest.yml does not declare (it declares "surname", "by-team")',
    });
  });

  it('range over the attribute they are named after when the manifest does not declare the entity', () => {
    expect(entityIndexesFrom(undefined)('task', 'status')).toEqual({ partition: [], range: ['status'], source: 'index name' });
  });
});
