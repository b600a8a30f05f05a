// Starts GOV.UK Frontend's components (service navigation, skip link, error summary) on every page.
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()
