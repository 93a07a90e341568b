import { useEffect } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { ApiProblem, namePath } from '../api/problem';
import { categoryOptions, useReference } from './reference';
import { DATE_TIME, fromPicker } from '../time/zone';
import { ru } from '../i18n/ru';

type Action = Core['Action'];
type MessageView = Core['MessageView'];
type Step = Core['Step'];

/** The inputs a step may require (the template's `requires`), as the API's field names. */
const FIELD_OF: Record<string, keyof Step> = {
  executor: 'executor', deadline: 'deadline', comment: 'comment', reason: 'reason', category: 'category',
  'result-status': 'resultStatus', answer: 'answer', days: 'days', 'contact-with-applicant': 'contactedApplicant',
};

interface Props {
  message: MessageView;
  action: Action;
  zone: string;
  /** The step for the whole incident the message is in: taken on each of its messages that offers it. */
  incident?: { id: string; onDone: (stepped: Core['IncidentStep']) => void };
  onClose: () => void;
  onDone: (after: MessageView) => void;
  onConflict: (current: MessageView | undefined) => void;
}

/** One step of the regulation: the form its step requires, sent with the version it was filled against. */
export function StepForm({ message, action, zone, incident, onClose, onDone, onConflict }: Props) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const reference = useReference().data;
  const requires = new Set(action.requires ?? []);
  const resultStatuses = reference?.regulations?.find((r) => r.code === message.regulation)?.resultStatuses ?? ['resolved', 'explained'];
  const backdatable = action.action === 'register' && message.kind === 'appeal';
  const required = (need: boolean) => (need ? [{ required: true, message: ru.step.required }] : []);

  useEffect(() => form.resetFields(), [action.action, form]);

  const step = useMutation({
    mutationFn: (values: Record<string, unknown>): Promise<MessageView | Core['IncidentStep']> => {
      const body: Step = { version: message.version };
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined || value === null || value === '') continue;
        (body as Record<string, unknown>)[key] = key === 'deadline' || key === 'registeredAt'
          ? fromPicker(value as Parameters<typeof fromPicker>[0], zone) : value;
      }
      if (incident) {
        // One decision for every message of the incident, each at the version it has: no version sent.
        delete body.version;
        return ok(core.POST('/api/incidents/{id}/actions/{action}', { params: { path: { id: incident.id, action: action.action! } }, body }));
      }
      return ok(core.POST('/api/messages/{id}/actions/{action}', { params: { path: { id: message.id!, action: action.action! } }, body }));
    },
    onSuccess: (after) => {
      client.invalidateQueries({ queryKey: ['messages'] });
      client.invalidateQueries({ queryKey: incident ? ['message'] : ['message', message.id] });
      if (incident) incident.onDone(after as Core['IncidentStep']);
      else onDone(after as MessageView);
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 409 && error.body.current) {
        client.invalidateQueries({ queryKey: ['message', message.id] });
        onConflict(error.body.current as MessageView);
        return;
      }
      if (error instanceof ApiProblem && error.fieldErrors.length) {
        form.setFields(error.fieldErrors.map((e) => ({ name: namePath(e.field), errors: [e.message] })));
      }
    },
  });
  const generic = step.error instanceof ApiProblem && !step.error.fieldErrors.length && step.error.status !== 409 ? step.error : undefined;
  const fieldOutsideForm = step.error instanceof ApiProblem && step.error.fieldErrors.some((e) => !Object.values(FIELD_OF).includes(e.field as keyof Step)
    && e.field !== 'registeredAt') ? step.error : undefined;

  return (
    <Modal open title={ru.actions[action.action!] ?? action.action} okText={ru.step.submit} cancelText={ru.step.cancel}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={step.isPending} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">
        {action.toName && ru.step.to(action.toName)}{action.regulationPoint && <><br />{ru.step.basis(action.regulationPoint)}</>}
      </Typography.Paragraph>
      {(generic || fieldOutsideForm) && <Alert type="error" showIcon title={(generic ?? fieldOutsideForm)!.body.title}
        description={(generic ?? fieldOutsideForm)!.body.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} name="step" layout="vertical" onFinish={(values) => step.mutate(values)} requiredMark>
        {requires.has('category') && (
          <Form.Item name="category" label={ru.step.category} rules={required(true)}>
            <Select showSearch optionFilterProp="label" options={categoryOptions(reference)} />
          </Form.Item>
        )}
        {requires.has('executor') && (
          <Form.Item name="executor" label={ru.step.executor} rules={required(true)}>
            <Select showSearch optionFilterProp="label" placeholder={ru.step.executorPlaceholder}
              options={(reference?.executors ?? []).map((e) => ({ value: e.username!, label: e.name }))} />
          </Form.Item>
        )}
        {requires.has('deadline') && (
          <Form.Item name="deadline" label={`${ru.step.deadline} (${zone})`} rules={required(true)}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {requires.has('result-status') && (
          <Form.Item name="resultStatus" label={ru.step.resultStatus} rules={required(true)}>
            <Select options={resultStatuses.map((s) => ({ value: s, label: ru.resultStatuses[s] ?? s }))} />
          </Form.Item>
        )}
        {requires.has('days') && (
          <Form.Item name="days" label={ru.step.days} rules={required(true)}>
            <InputNumber min={1} max={60} />
          </Form.Item>
        )}
        {requires.has('contact-with-applicant') && (
          <Form.Item name="contactedApplicant" valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(ru.step.required))) }]}>
            <Checkbox>{ru.step.contactedApplicant}</Checkbox>
          </Form.Item>
        )}
        {requires.has('answer') && (
          <Form.Item name="answer" label={ru.step.answer} rules={required(true)}>
            <Input.TextArea rows={6} maxLength={20000} showCount />
          </Form.Item>
        )}
        {backdatable && (
          <Form.Item name="registeredAt" label={`${ru.step.registeredAt} (${zone})`}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(requires.has('reason') || backdatable) && (
          <Form.Item name="reason" label={ru.step.reason} rules={required(requires.has('reason'))}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        <Form.Item name="comment" label={ru.step.comment} rules={required(requires.has('comment'))}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
