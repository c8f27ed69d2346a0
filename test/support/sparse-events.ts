/**
 * Sparse variants of realisticEvent(): real deliveries leave out many fields, send null, or send
 * "" (captures: `id`, `email`, `participant_user_id`). Each variant stays valid against the
 * generated schema: a change that would break validation is undone.
 */
import { zoomEventSchemas, type ZoomEventName } from '../../shared/zoom/events.generated';
import { realisticEvent, type RealisticOptions } from './realistic-events';

type Node = Record<string, unknown> | unknown[];
/** The new value for a field, `undefined` to delete it, or `keep` to leave it and look inside. */
type Edit = (value: unknown, inArray: boolean) => unknown;
const keep = Symbol('keep');

function sparse(name: ZoomEventName, options: RealisticOptions, edit: Edit): Record<string, unknown> {
  const body = realisticEvent(name, options);
  const schema = zoomEventSchemas[name];
  const visit = (node: Node) => {
    const fields = node as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const saved = fields[key];
      const next = edit(saved, Array.isArray(node));
      if (next !== keep) {
        if (next === undefined) delete fields[key];
        else fields[key] = next;
        if (schema.safeParse(body).success) continue;
        fields[key] = saved;
      }
      if (saved !== null && typeof saved === 'object') visit(saved as Node);
    }
  };
  visit(body);
  return body;
}

/** Only the envelope and the fields the schema requires. */
export function minimalEvent(name: ZoomEventName, options: RealisticOptions = {}): Record<string, unknown> {
  return sparse(name, options, (_value, inArray) => (inArray ? keep : undefined));
}

/** Every optional field present but null. */
export function nulledEvent(name: ZoomEventName, options: RealisticOptions = {}): Record<string, unknown> {
  return sparse(name, options, (_value, inArray) => (inArray ? keep : null));
}

/** Every string the schema allows to be empty is "". */
export function blankedEvent(name: ZoomEventName, options: RealisticOptions = {}): Record<string, unknown> {
  return sparse(name, options, (value) => (typeof value === 'string' ? '' : keep));
}
