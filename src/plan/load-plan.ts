import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { planFileSchema } from './plan-schema.js';
import { resolvePlan } from './resolve-plan.js';
import type { Plan } from '../domain/plan.js';
import { PlanError } from './plan-error.js';

export { PlanError };

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
      '',
    ) || '(top level)'
  );
}

/** A short echo of a wrong scalar value, so the author sees what was read. */
function shownInput(input: unknown): string {
  if (typeof input === 'string') return input.length <= 60 ? ` (got "${input}")` : '';
  if (typeof input === 'number' || typeof input === 'boolean') return ` (got ${String(input)})`;
  return '';
}

/** `file:line:col` of the node at `path`, or of its nearest ancestor that exists. */
function locate(file: string, doc: Document, lines: LineCounter, path: readonly PropertyKey[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return `${file}:${line}:${col}`;
    }
  }
  return file;
}

/** Larger than any real plan (the example is some 20 KB): refused before it is parsed. */
export const MAX_PLAN_BYTES = 2 * 1024 * 1024;
/** How many aliases (`*name`) a plan may use; a "billion laughs" alias bomb needs far more. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses and validates plan text; `file` is only used in messages. Whatever the text — an alias
 * bomb, nesting deep enough to exhaust the stack, a huge file — what comes out is a Plan or one
 * PlanError, never another exception with a stack trace.
 */
export function parsePlan(file: string, source: string): Plan {
  if (Buffer.byteLength(source, 'utf8') > MAX_PLAN_BYTES)
    throw new PlanError(file, [`${file}: the file is larger than ${MAX_PLAN_BYTES / 1024 / 1024} MB; a plan is far smaller`]);
  try {
    return parseChecked(file, source);
  } catch (err) {
    if (err instanceof PlanError) throw err;
    const reason =
      err instanceof RangeError && /call stack/i.test(err.message)
        ? 'nested too deeply'
        : err instanceof Error
          ? err.message.split('\n')[0]
          : String(err);
    throw new PlanError(file, [`${file}: YAML: cannot be read (${reason})`]);
  }
}

function parseChecked(file: string, source: string): Plan {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const shaped = planFileSchema.safeParse(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), { reportInput: true });
  if (!shaped.success) {
    throw new PlanError(
      file,
      shaped.error.issues.map((issue) => {
        const path = issue.path;
        const where = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0] ?? ''] : path;
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : issue.code === 'invalid_type' && issue.input === undefined
              ? 'required, but missing'
              : `${issue.message}${shownInput(issue.input)}`;
        return `${locate(file, doc, lines, where)}: ${formatPath(path)}: ${message}`;
      }),
    );
  }
  const resolved = resolvePlan(shaped.data);
  if (!resolved.plan) {
    throw new PlanError(
      file,
      resolved.problems.map((p) => `${locate(file, doc, lines, p.path)}: ${formatPath(p.path)}: ${p.message}`),
    );
  }
  return resolved.plan;
}

/** Reads and validates a plan file. */
export async function loadPlan(file: string): Promise<Plan> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlanError(file, [
      `${file}: cannot read the file (${code === 'ENOENT' ? 'it does not exist' : (code ?? String(err))}); set PLAN_FILE to a plan YAML`,
    ]);
  }
  return parsePlan(file, source);
}
