import { begin, channelsRequest, deadlinesRequest, meRequest, messagesRequest, notificationsRequest, referenceRequest } from './first';
import { queryOf } from '../queue/query';
import { can, type Me } from '../session/person';

// A small script of its own, run as soon as it arrives: who the person is, their municipality's reference
// data, the bell's count and (on the queue) the list and its counts are asked for while the application's code still loads and compiles.
//
// They go out together, not after who-am-I: waiting for it first put one more round trip before the first
// screen's data. On the screens of the regional operator and the ЦУР (no municipality) the municipal requests are
// not made; a person the server refuses one to (a role without the queue) is refused, and the screen, which
// asks again when it opens, shows what it is allowed to.
const path = location.pathname;
const params = new URLSearchParams(location.search);
const municipalScreen = !/^\/(platform|regional)(\/|$)/.test(path);
const onQueue = path === '/' || path === '/queue';
// «Мои» names the person, which only who-am-I tells.
const mine = params.get('mine') === 'true';

const me = begin(meRequest);
if (municipalScreen) {
  void begin(referenceRequest);
  void begin(channelsRequest);
  void begin(notificationsRequest(true));
  if (onQueue) {
    void begin(deadlinesRequest);
    if (!mine) {
      void begin(messagesRequest(queryOf(params, undefined)));
    } else {
      void me.then((answer) => {
        const person = answer as Me;
        if (person.municipality && can(person, 'message.view')) void begin(messagesRequest(queryOf(params, person.username)));
      }, () => undefined);
    }
  }
}
