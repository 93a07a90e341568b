import { begin, channelsRequest, deadlinesRequest, meRequest, messagesRequest, notificationsRequest, referenceRequest } from './first';
import { queryOf } from '../queue/query';
import { can, type Me } from '../session/person';

// A small script of its own, run as soon as it arrives: who the person is, their municipality's reference
// data, the bell's count and (on the queue) the list and its counts are asked for while the application's code still loads and compiles.
void begin(meRequest).then((answer) => {
  const me = answer as Me;
  if (!me.municipality) return;
  void begin(referenceRequest);
  void begin(channelsRequest);
  void begin(notificationsRequest(true));
  if ((location.pathname === '/' || location.pathname === '/queue') && can(me, 'message.view')) {
    void begin(messagesRequest(queryOf(new URLSearchParams(location.search), me.username)));
    void begin(deadlinesRequest);
  }
}, () => undefined);
