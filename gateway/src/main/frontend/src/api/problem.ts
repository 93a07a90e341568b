import { ru } from '../i18n/ru';

/** An RFC 9457 problem as the services and the gateway write it (type urn:mcu:problem:<code>). */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
  current?: unknown;
  [fact: string]: unknown;
}

/** A refused request: what the server said, kept whole so a form can put it next to its field. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly body: ProblemBody;

  constructor(status: number, body: ProblemBody | undefined) {
    super(body?.detail || body?.title || ru.problems.generic(status));
    this.status = status;
    this.body = body ?? {};
  }

  /** The problem's code, the last part of its type. */
  get code(): string {
    return (this.body.type ?? '').replace('urn:mcu:problem:', '');
  }

  /** Field → message, for every field the server named (one or several). */
  get fieldErrors(): { field: string; message: string }[] {
    if (this.body.errors?.length) return this.body.errors;
    if (this.body.field) return [{ field: this.body.field, message: this.body.detail ?? this.message }];
    return [];
  }
}

/** A field path as the server names it ("citizen.phone", "roles[0]") as an Ant Design form name path. */
export function namePath(field: string): (string | number)[] {
  return field.split(/[.[\]]/).filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
