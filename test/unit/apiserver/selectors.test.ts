import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import { formatLabelSelector, fromLabelSelectorSpec, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, specMatches } from '../../../durable-objects/apiserver/selectors.ts';

const labels = { app: 'nginx', tier: 'web' };

describe('Label selector strings (kubectl -l)', () => {
  it.each([
    ['', true],
    ['app=nginx', true],
    ['app==nginx', true],
    ['app!=nginx', false],
    ['app=nginx,tier=db', false],
    ['tier in (web,db)', true],
    ['tier notin (web)', false],
    ['env notin (prod)', true],
    ['app', true],
    ['!app', false],
    ['!env', true],
    ['app in (nginx), tier', true],
  ])('%j matches: %s', (sel, want) => {
    expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(want);
  });

  it.each(['app=', 'a b', 'app in (x', '=x', 'Bad Key=1', `app=${'x'.repeat(64)}`])('refuses %j with 400', (sel) => {
    let err: unknown;
    try {
      matchesLabels(parseLabelSelector(sel), labels);
    } catch (e) {
      err = e;
    }
    // `app=` is legal (empty value); everything else must be refused.
    if (sel === 'app=') expect(err).toBeUndefined();
    else expect((err as ApiError).code).toBe(400);
  });

  it('prints selectors the way Scale.status.selector and kubectl show them', () => {
    expect(formatLabelSelector(parseLabelSelector('tier in (web,db),app=nginx,!canary'))).toBe('tier in (db,web),app=nginx,!canary');
  });
});

describe('LabelSelector objects in specs', () => {
  it.each([
    [{}, true],
    [{ matchLabels: { app: 'nginx' } }, true],
    [{ matchLabels: { app: 'other' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'db'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, false],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
  ])('%j matches: %s', (sel, want) => {
    expect(specMatches(sel, labels)).toBe(want);
  });

  it('treats an absent selector as matching nothing', () => {
    expect(specMatches(undefined, labels)).toBe(false);
    expect(fromLabelSelectorSpec(null)).toBeUndefined();
  });
});

describe('Field selectors', () => {
  const fields: Record<string, string> = { 'metadata.name': 'p', 'status.phase': 'Running' };
  it('matches =, == and != and refuses unknown fields with 400', () => {
    const keys = Object.keys(fields);
    expect(matchesFields(parseFieldSelector('status.phase=Running,metadata.name!=q', keys), (f) => fields[f])).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase==Pending', keys), (f) => fields[f])).toBe(false);
    expect(() => parseFieldSelector('spec.nope=1', keys)).toThrow('field label not supported: spec.nope');
  });
});
