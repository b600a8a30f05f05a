// A partner system's calls to the register, typed only by the client generated from openapi/v1.json (openapi-typescript,
// into generated/register.d.ts) and openapi-fetch: no cast, no `any`, no type written by hand. scripts/lint-contract
// type-checks it (tsc --strict --noEmit); it is not run. Each resource is called once, a CSV export and a CSV import among
// them, and a problem is read by its documented type. The `@ts-expect-error` lines are calls the contract must refuse: if
// one of them type-checked, the contract would have lost a required field or an enum, and tsc fails.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/register";

type Schemas = components["schemas"];

// JSON answers (and problems, application/problem+json) from one client, CSV answers from another: each sees its media type only
const register = createClient<paths, `application/${string}json`>({ baseUrl: "https://register.example.gov.uk" });
const csv = createClient<paths, "text/csv">({ baseUrl: "https://register.example.gov.uk" });
const auth = { Authorization: "Bearer <token>" };

/** Organisations: create one, and read the problem when the register refuses it. */
export async function registerOrganisation(): Promise<string | undefined> {
  const { data, error, response } = await register.POST("/api/v1/organisations", {
    headers: { ...auth, "Idempotency-Key": "6f1c2a7e-0d4b-4c55-9a8e-3b2f1e0d9c8b" },
    body: { name: "Somewhere PCT", type: "PrimaryCareTrust", odsCode: "RXT" },
  });
  if (error) {
    // a problem's type is one of the documented set: a misspelt one would not compile
    if (error.type === "urn:integration-governance:problem:validation") {
      const messages: string[] | undefined = error.errors?.["$.odsCode"];
      return `${error.title} ${messages?.join(" ") ?? ""} (trace ${error.traceId}, correlation ${error.correlationId})`;
    }
    if (error.type === "urn:integration-governance:problem:duplicate-ods-code") return error.detail ?? error.title;
    return undefined;
  }
  const created: Schemas["OrganisationResponse"] = data;
  // the headers every answer carries, as the contract declares them
  const location: components["headers"]["Location"] | null = response.headers.get("Location");
  const rateLimit: components["headers"]["RateLimit"] | null = response.headers.get("RateLimit");
  return `${created.name} (${created.id}) at ${location ?? "?"}; ${rateLimit ?? ""}`;
}

/** Agreements: read one, with what was in force on a day; its ETag is what a change sends back. */
export async function agreementOnDay(id: string): Promise<string> {
  const { data, error, response } = await register.GET("/api/v1/agreements/{id}", {
    params: { path: { id }, query: { activeOn: "2021-01-01" } },
    headers: auth,
  });
  if (error) return `${error.status}: ${error.type}`;
  const parties = (data.onDate?.parties ?? []).map((p) => `${p.organisationId} as ${p.role}`);
  const etag: components["headers"]["ETag"] | null = response.headers.get("ETag");
  return `${data.reference} ${data.status}, ${data.periods.length} periods, parties then: ${parties.join(", ")}; ETag ${etag ?? "none"}`;
}

/** Pooled funds: the ledger as the import layout in CSV (text), and the fund's summary for a year in JSON. */
export async function fundFigures(fundId: string): Promise<string> {
  const ledger = await csv.GET("/api/v1/pooled-funds/{id}/ledger", {
    params: { path: { id: fundId }, query: { financialYear: "2015-16" } },
    headers: { ...auth, Accept: "text/csv" },
    parseAs: "text",
  });
  const summary = await register.GET("/api/v1/pooled-funds/{id}/summary", {
    params: { path: { id: fundId }, query: { financialYear: "2015-16" } },
    headers: auth,
  });
  if (ledger.error || summary.error) return "refused";
  const header: string = ledger.data.split("\n")[0] ?? "";
  const partners = summary.data.partners.map((p) => `${p.organisationId}: ${p.effective}`);
  return `${header} / ${summary.data.fundName} ${summary.data.financialYear}: ${summary.data.variance} (${partners.join("; ")})`;
}

/** People: record a secondment; who keeps the terms and supervision defaults to the employer, so they may be left out. */
export async function second(employerId: string, hostId: string, agreementId: string): Promise<string> {
  const { data, error } = await register.POST("/api/v1/secondments", {
    headers: auth,
    body: { holderReference: "HR-2013-0042", employerId, hostId, agreementId, startsOn: "2013-04-01" },
  });
  if (error) return error.type;
  return `${data.holderReference}: terms kept by ${data.termsAndConditionsKeptBy}, supervision by ${data.professionalSupervisionKeptBy}`;
}

/** Changes: follow the feed; a change's kind and resource are closed sets, so every case is handled. */
export async function followFeed(after: number): Promise<number> {
  const { data, error } = await register.GET("/api/v1/changes", { params: { query: { after, limit: 500 } }, headers: auth });
  if (error) return after;
  for (const change of data.items) {
    const resource: Schemas["ChangeResource"] = change.resource;
    switch (change.kind) {
      case "created":
      case "updated":
      case "closed":
      case "reopened":
      case "ended":
      case "retitled":
      case "type-changed":
      case "end-date-changed":
        console.log(`${change.position}: ${resource} ${change.id} ${change.kind} (revision ${change.revision})`);
        break;
      default: {
        // a kind the contract does not declare would land here, and `never` holds none
        const undeclared: never = change.kind;
        return undeclared;
      }
    }
  }
  return data.lastPosition;
}

/** Webhooks: subscribe to named resources; a resource the register does not have would not compile. */
export async function subscribe(): Promise<string | null> {
  const { data, error } = await register.POST("/api/v1/webhook-subscriptions", {
    headers: auth,
    body: { targetUrl: "https://case-system.example.gov.uk/hooks/register", resources: ["agreements", "pooled_funds"] },
  });
  if (error) return error.detail ?? null;
  return data.secret;
}

/** Imports: agreements from a contracts register, sent as CSV text. */
export async function importAgreements(file: string): Promise<string> {
  const { data, error } = await register.POST("/api/v1/imports/agreements", {
    params: { query: { dryRun: true } },
    headers: { ...auth, "Content-Type": "text/csv" },
    body: file,
    bodySerializer: (body) => body,
  });
  if (error) return `${error.type}: ${Object.keys(error.errors ?? {}).length} fields`;
  return `${data.rows} rows, ${data.added} to add, ${data.alreadyRecorded} already recorded`;
}

// What the contract refuses, as a client generator sees it.
export const refused = {
  // @ts-expect-error a ledger line names its date, amount, category and external reference
  emptyLedgerLine: {} satisfies Schemas["LedgerLineRequest"],
  // @ts-expect-error a required field is not nullable
  nullName: { name: null, type: "PartnershipBoard" } satisfies Schemas["OrganisationRequest"],
  // @ts-expect-error the change feed's resources are the register's tables
  unknownResource: "agreement" satisfies Schemas["ChangeResource"],
  // @ts-expect-error a problem's type is one of the documented set
  unknownProblem: "urn:integration-governance:problem:oops" satisfies Schemas["ProblemType"],
  // @ts-expect-error a response's lists are never null
  nullList: null satisfies Schemas["AgreementResponse"]["parties"],
};
