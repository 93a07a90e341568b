import { Alert } from 'antd';
import { ApiProblem } from '../api/problem';
import { ru } from '../i18n/ru';

/** What the server refused, in its own words (RFC 9457 title and detail). */
export function ProblemAlert({ error }: { error: unknown }) {
  if (error instanceof ApiProblem) {
    if (error.status === 0) return <Alert type="error" showIcon title={ru.problems.network} />;
    return <Alert type={error.status >= 500 ? 'error' : 'warning'} showIcon title={error.body.title ?? ru.problems.generic(error.status)}
      description={error.body.detail} />;
  }
  return <Alert type="error" showIcon title={String((error as Error)?.message ?? error)} />;
}
