// The landing page: "New cluster" creates one and goes straight to its edit link (keeping its view link for sharing).
const form = document.querySelector<HTMLFormElement>('#new-cluster')!;
const error = document.querySelector<HTMLElement>('#error')!;
const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;

for (const el of document.querySelectorAll<HTMLElement>('[data-origin]')) el.textContent = el.textContent!.replaceAll('{origin}', location.origin);

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const data = new FormData(form);
  button.disabled = true;
  button.textContent = 'Creating\u2026';
  error.textContent = '';
  try {
    const res = await fetch('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workers: Number(data.get('workers')), profile: data.get('profile') }),
    });
    const body = (await res.json()) as { id?: string; editUrl?: string; viewUrl?: string; message?: string };
    if (!res.ok || !body.editUrl || !body.id) throw new Error(body.message ?? `the server answered ${res.status}`);
    // the edit page can only offer the view link if this browser remembers it (the server keeps token hashes only)
    localStorage.setItem(`ks:view:${body.id}`, body.viewUrl ?? '');
    localStorage.setItem(`ks:edit:${body.id}`, body.editUrl);
    location.href = body.editUrl;
  } catch (e) {
    error.textContent = `Could not create a cluster: ${(e as Error).message}`;
    button.disabled = false;
    button.textContent = 'New cluster';
  }
});
