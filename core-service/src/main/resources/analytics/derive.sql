-- What analytics knows of each message, derived from the message, its deadlines and its audit trail (Facts).
-- Callers append their own WHERE on m (the message). One pass over the message's deadlines and one
-- over its audit entries (each read once by its message_id index, not once per figure): taking a
-- message in derives its facts, so this is on the intake's path.
select m.id, m.received_at, m.channel, coalesce(m.block, '') as block, coalesce(m.category, '') as category,
       coalesce(m.recipient, '') as recipient, coalesce(e.answered_by, m.executor, '') as executor,
       coalesce(m.territory, '') as territory, m.result_status,
       coalesce(case when answered then d.answer_at end,
                case when m.final and answered then m.closed_at end) as answered_at,
       case when answered then d.on_time end as on_time,
       d.first_response_at, d.accepted, coalesce(e.reopened, false) as reopened, e.rating
from message m
cross join lateral (select m.answer is not null or m.result_status is not null as answered) x
left join lateral (
    -- The answer's deadline closed first (met or missed), the first reply's, and the citizen's window.
    select (array_agg(d.closed_at order by d.closed_at) filter (where d.kind in ('answer', 'urgent-answer') and d.status in ('met', 'missed')))[1]
               as answer_at,
           (array_agg(d.status = 'met' order by d.closed_at) filter (where d.kind in ('answer', 'urgent-answer') and d.status in ('met', 'missed')))[1]
               as on_time,
           min(d.closed_at) filter (where d.kind = 'first-response' and d.status in ('met', 'missed')) as first_response_at,
           bool_or(d.status = 'met') filter (where d.kind = 'satisfaction-window' and d.status in ('met', 'cancelled')) as accepted
    from deadline d where d.message_id = m.id) d on true
left join lateral (
    -- Reopened at least once; the citizen's last rating where the source platform relayed one; who gave the
    -- last answer (its step records it; a message answered before it did, or by import, counts for its executor).
    select bool_or(e.action = 'reopen') as reopened,
           (array_agg((e.details::jsonb ->> 'rating')::int order by e.seq desc) filter (where e.details like '%"rating"%'))[1] as rating,
           (array_agg(e.details::jsonb ->> 'answeredBy' order by e.seq desc) filter (where e.details like '%"answeredBy"%'))[1] as answered_by
    from audit_entry e where e.message_id = m.id
        and (e.action = 'reopen' or e.details like '%"rating"%' or e.details like '%"answeredBy"%')) e on true
