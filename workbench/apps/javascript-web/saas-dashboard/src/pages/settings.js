const STORAGE_KEY = 'acme.settings';

export function settingsPage(outlet) {
  const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  outlet.innerHTML = `
    <h1>Settings</h1>
    <form class="card settings">
      <label>Company name <input name="company" value="${saved.company ?? 'Acme Inc.'}" /></label>
      <label><input type="checkbox" name="weeklyReport" ${saved.weeklyReport ? 'checked' : ''} /> Weekly report e-mail</label>
      <button type="submit">Save</button>
      <p class="status" role="status"></p>
    </form>
  `;
  const form = outlet.querySelector('form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const settings = { company: data.get('company'), weeklyReport: data.get('weeklyReport') === 'on' };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    form.querySelector('.status').textContent = 'Saved.';
  });
}
