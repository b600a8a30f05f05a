// Builds the pages' static assets into src/IntegrationGovernance.Api/wwwroot/assets (git-ignored):
// GOV.UK Frontend's precompiled CSS and JS, its fonts and images (the CSS names them under /assets/),
// and the register's own few styles and start-up script. scripts/frontend runs `npm ci` and then this.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const govuk = join(here, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
const out = join(here, '..', 'src', 'IntegrationGovernance.Api', 'wwwroot', 'assets')
const version = JSON.parse(readFileSync(join(here, 'node_modules', 'govuk-frontend', 'package.json'), 'utf8')).version

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
for (const file of ['govuk-frontend.min.css', 'govuk-frontend.min.js'])
  cpSync(join(govuk, file), join(out, file))
cpSync(join(govuk, 'assets', 'fonts'), join(out, 'fonts'), { recursive: true })
cpSync(join(govuk, 'assets', 'images'), join(out, 'images'), { recursive: true })
cpSync(join(govuk, 'assets', 'manifest.json'), join(out, 'manifest.json'))
for (const file of ['register.css', 'register.mjs'])
  cpSync(join(here, 'src', file), join(out, file))

// what was built from what: scripts/frontend rebuilds when the lock file or the sources change
const stamp = createHash('sha256')
for (const file of ['package-lock.json', 'build.mjs', 'src/register.css', 'src/register.mjs'])
  stamp.update(readFileSync(join(here, file)))
writeFileSync(join(out, 'built.json'), JSON.stringify({ govukFrontend: version, sources: stamp.digest('hex') }, null, 2) + '\n')
console.log(`Built the pages' assets (govuk-frontend ${version}) into ${out}`)
