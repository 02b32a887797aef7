// The Stripe return pages: when this tab is signed in to an organisation, the way back leads to
// its credits page rather than to /pricing.

import { creditsPath, storedTenant } from "/web/js/session.js";

const tenant = storedTenant();
const back = document.querySelector("[data-testid=back-link]");
if (tenant && back) {
  back.href = creditsPath(tenant);
  back.textContent = "Back to your credits";
}
