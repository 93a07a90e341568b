import type { FormInstance } from 'antd';
import { ApiProblem, namePath } from '../api/problem';

/**
 * Puts a refusal's named fields next to those fields in the form; returns whether any were placed,
 * so the caller shows the rest of the problem above the form.
 */
export function showFieldProblems(form: FormInstance, error: unknown, fields: string[]): boolean {
  if (!(error instanceof ApiProblem)) return false;
  const placed = error.fieldErrors.filter((e) => fields.includes(String(namePath(e.field)[0])));
  form.setFields(placed.map((e) => ({ name: namePath(e.field), errors: [e.message] })));
  return placed.length > 0;
}
