-- What analytics knows of each message, derived from the message, its deadlines and its audit trail (Facts).
-- Callers append their own WHERE on m (the message).
select m.id, m.received_at, m.channel, coalesce(m.block, '') as block, coalesce(m.category, '') as category,
       coalesce(m.recipient, '') as recipient, coalesce(m.executor, '') as executor,
       coalesce(m.territory, '') as territory, m.result_status,
       coalesce(a.at, case when m.final and (m.answer is not null or m.result_status is not null) then m.closed_at end) as answered_at,
       a.on_time,
       f.at as first_response_at, s.accepted, r.reopened is not null as reopened, g.rating
from message m
left join lateral (
    select d.closed_at as at, d.status = 'met' as on_time from deadline d
    where d.message_id = m.id and d.kind in ('answer', 'urgent-answer') and d.status in ('met', 'missed')
      and (m.answer is not null or m.result_status is not null)
    order by d.closed_at limit 1) a on true
left join lateral (
    select d.closed_at as at from deadline d
    where d.message_id = m.id and d.kind = 'first-response' and d.status in ('met', 'missed')
    order by d.closed_at limit 1) f on true
left join lateral (
    select bool_or(d.status = 'met') as accepted from deadline d
    where d.message_id = m.id and d.kind = 'satisfaction-window' and d.status in ('met', 'cancelled')) s on true
left join lateral (
    select 1 as reopened from audit_entry e where e.message_id = m.id and e.action = 'reopen' limit 1) r on true
left join lateral (
    select (e.details::jsonb ->> 'rating')::int as rating from audit_entry e
    where e.message_id = m.id and e.details like '%"rating"%' order by e.seq desc limit 1) g on true

