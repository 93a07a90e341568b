import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, tenant, type Tenant } from '../api/client';
import { showFieldProblems } from '../layout/useProblemForm';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { TONE } from '../layout/tones';

type Member = Tenant['Member'];

/** The municipality's staff: add a person, give and take roles, switch off and on (tenant.admin). */
export function StaffPage() {
  const client = useQueryClient();
  const staff = useQuery({ queryKey: ['staff'], queryFn: () => ok(tenant.GET('/api/staff')) });
  const roles = useQuery({ queryKey: ['staff', 'roles'], queryFn: () => ok(tenant.GET('/api/staff/roles')) });
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.code!, label: r.name ?? r.code }));
  const roleName = (code: string) => roles.data?.find((r) => r.code === code)?.name ?? code;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member>();
  const [added, setAdded] = useState<Tenant['Added']>();
  const [addForm] = Form.useForm();
  const [rolesForm] = Form.useForm();
  const [problem, setProblem] = useState<unknown>();
  const refresh = () => client.invalidateQueries({ queryKey: ['staff'] });

  const add = useMutation({
    mutationFn: (body: Tenant['NewMember']) => ok(tenant.POST('/api/staff', { body })),
    onSuccess: (result) => { setAdding(false); addForm.resetFields(); setAdded(result); refresh(); },
    onError: (error) => setProblem(showFieldProblems(addForm, error, ['email', 'firstName', 'lastName', 'roles']) ? undefined : error),
  });
  const setRoles = useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: string[] }) => ok(tenant.PUT('/api/staff/{id}/roles', { params: { path: { id } }, body: { roles } })),
    onSuccess: () => { setEditing(undefined); refresh(); },
    onError: (error) => setProblem(showFieldProblems(rolesForm, error, ['roles']) ? undefined : error),
  });
  const activity = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      ok(tenant.POST(active ? '/api/staff/{id}/activate' : '/api/staff/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: setProblem,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.staff.title}</Typography.Title>
      {staff.isError && <ProblemAlert error={staff.error} />}
      {problem !== undefined && !adding && !editing && <ProblemAlert error={problem} />}
      {added && (
        <Alert type="success" showIcon closable onClose={() => setAdded(undefined)} title={ru.staff.added}
          description={added.temporaryPassword
            ? <>{ru.staff.temporaryPassword}: <Typography.Text code copyable data-testid="temporary-password">{added.temporaryPassword}</Typography.Text></>
            : ru.staff.existing} />
      )}
      <Button type="primary" onClick={() => { setProblem(undefined); setAdding(true); }}>{ru.staff.add}</Button>
      <Table<Member> rowKey="id" loading={staff.isPending} dataSource={staff.data ?? []} pagination={{ pageSize: 50 }} scroll={{ x: 700 }}
        columns={[
          { title: ru.staff.lastName, render: (_, m) => `${m.lastName ?? ''} ${m.firstName ?? ''}`.trim() },
          { title: ru.staff.email, dataIndex: 'username' },
          { title: ru.staff.roles, dataIndex: 'roles', render: (codes: string[]) => (codes ?? []).map((c) => <Tag key={c}>{roleName(c)}</Tag>) },
          { title: ru.staff.status, dataIndex: 'active', render: (a: boolean) => <Tag color={a ? TONE.ok : TONE.muted}>{a ? ru.staff.active : ru.staff.inactive}</Tag> },
          {
            title: '', key: 'actions', render: (_, m) => (
              <Space wrap>
                <Button size="small" onClick={() => { setProblem(undefined); rolesForm.setFieldsValue({ roles: m.roles }); setEditing(m); }}>
                  {ru.staff.editRoles}</Button>
                {m.active
                  ? <Popconfirm title={ru.staff.confirmDeactivate} onConfirm={() => activity.mutate({ id: m.id!, active: false })}>
                    <Button size="small" danger>{ru.staff.deactivate}</Button></Popconfirm>
                  : <Button size="small" onClick={() => activity.mutate({ id: m.id!, active: true })}>{ru.staff.activate}</Button>}
              </Space>
            ),
          },
        ]} />
      <Modal open={adding} title={ru.staff.add} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} confirmLoading={add.isPending}
        okText={ru.staff.save} destroyOnHidden>
        {problem !== undefined && <div style={{ marginBottom: 12 }}><ProblemAlert error={problem} /></div>}
        <Form form={addForm} name="add-member" layout="vertical" onFinish={(v) => { setProblem(undefined); add.mutate(v); }}>
          <Form.Item name="lastName" label={ru.staff.lastName} rules={[{ required: true, message: ru.step.required }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="firstName" label={ru.staff.firstName} rules={[{ required: true, message: ru.step.required }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="email" label={ru.staff.email} rules={[{ required: true, message: ru.step.required }]}><Input inputMode="email" /></Form.Item>
          <Form.Item name="roles" label={ru.staff.roles}><Select mode="multiple" showSearch optionFilterProp="label" options={roleOptions} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!editing} title={`${ru.staff.editRoles}: ${editing?.username ?? ''}`} onCancel={() => setEditing(undefined)}
        onOk={() => rolesForm.submit()} confirmLoading={setRoles.isPending} okText={ru.staff.save}>
        {problem !== undefined && <div style={{ marginBottom: 12 }}><ProblemAlert error={problem} /></div>}
        <Form form={rolesForm} name="member-roles" layout="vertical" onFinish={(v) => { setProblem(undefined); setRoles.mutate({ id: editing!.id!, roles: v.roles ?? [] }); }}>
          <Form.Item name="roles" label={ru.staff.roles}><Select mode="multiple" showSearch optionFilterProp="label" options={roleOptions} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
