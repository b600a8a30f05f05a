// Starts GOV.UK Frontend's components (service navigation, skip link, error summary, checkboxes) on every page.
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()

// A filter form leaves out the fields left empty, so the address it opens (the one pasted into a report) holds only
// the filters chosen. Without this script the form still works; its address just lists the empty ones too.
for (const form of document.querySelectorAll('form[method="get"]')) {
  form.addEventListener('submit', () => {
    for (const field of form.querySelectorAll('input[name], select[name]')) {
      if (field.value === '') field.disabled = true
    }
  })
}
