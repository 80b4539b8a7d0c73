import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorld, type World } from '../../src/world/index.js';

const script = (world: World) => [
  world.answer({
    surface: 'jira',
    method: 'POST',
    path: '/rest/api/3/issue',
    body: { fields: { project: { key: 'SUP' }, summary: 'A', issuetype: { name: 'Task' } } },
  }),
  world.answer({ surface: 'jira', method: 'POST', path: '/rest/api/3/issue/SUP-1/comment', body: { body: 'x' } }),
  world.answer({ surface: 'confluence', method: 'POST', path: '/wiki/api/v2/pages', body: { spaceId: '131073', title: 'P' } }),
  world.snapshot(),
];

describe('world determinism', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the same answers and state for the same requests, without reading the real clock', () => {
    const now = vi.spyOn(Date, 'now');
    expect(script(createWorld())).toEqual(script(createWorld()));
    expect(now).not.toHaveBeenCalled();
  });

  it('starts at the virtual epoch and follows the simulation clock when given one', () => {
    const world = createWorld(undefined, { now: () => Date.UTC(2025, 0, 1, 0, 5) });
    script(world);
    const issue = world.snapshot().jira.issues[0]!;
    expect(issue.created).toBe('2025-01-01T00:05:00.000+0000');
    expect(issue.comments[0]!.created).toBe('2025-01-01T00:05:00.001+0000');
    expect(createWorld().snapshot().confluence.spaces[0]).toMatchObject({ key: 'TEST' });
  });
});
