// Web entry: the landing page's "New cluster" form (the cluster view arrives with the web UI issue).
const form = document.querySelector<HTMLFormElement>('#new-cluster');
form?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const data = new FormData(form);
  const res = await fetch('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workers: Number(data.get('workers')), profile: data.get('profile') }),
  });
  const body = (await res.json()) as { editUrl?: string; message?: string };
  if (res.ok && body.editUrl) location.href = body.editUrl;
  else document.querySelector('#error')!.textContent = body.message ?? `failed: ${res.status}`;
});
