// The test portal: a page on another origin that frames the embed view the way README
// tells portal owners to. Served by global-setup.ts on two ports: PORTAL_PORT is on the
// server's SKILLS_EMBED_ORIGINS and SKILLS_API_ORIGINS (see scripts/test.sh), OTHER_PORT is not.

export const PORTAL_PORT = 3108;
export const OTHER_PORT = 3109;
/** A second server of the same build, under a base path. */
export const BASED_PORT = 3110;
export const BASE_PATH = "/kb";

export const PORTAL = `http://localhost:${PORTAL_PORT}`;
export const OTHER = `http://localhost:${OTHER_PORT}`;

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * `?src=URL` frames URL; `?link=URL&oembed=ENDPOINT` asks the oEmbed endpoint for the link
 * and inserts the HTML it answers. `?origin=` is the Skill Profiles origin whose height
 * messages are believed.
 */
export function portalPage(params: URLSearchParams): string {
  const src = params.get("src");
  const origin = params.get("origin") ?? "";
  const frame = src
    ? `<iframe id="profile" title="Skill profile" src="${escape(src)}" style="width:100%;border:0" height="300"></iframe>`
    : `<div id="slot"></div>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test portal</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Test portal</h1>
${frame}
<p id="after">Below the frame</p>
<script>
window.heights = [];
// README: size the frame from the embed's messages, believing only Skill Profiles' origin.
window.addEventListener("message", function (event) {
  if (event.origin !== ${JSON.stringify(origin)}) return;
  var data = event.data;
  if (!data || data.type !== "skill-profiles:height") return;
  for (var frame of document.querySelectorAll("iframe")) {
    if (frame.contentWindow === event.source) frame.style.height = data.height + "px";
  }
  window.heights.push(data.height);
});
var link = ${JSON.stringify(params.get("link"))}, endpoint = ${JSON.stringify(params.get("oembed"))};
if (link && endpoint) {
  fetch(endpoint + "?url=" + encodeURIComponent(link))
    .then(function (r) { return r.json(); })
    .then(function (data) { document.getElementById("slot").innerHTML = data.html; window.oembed = data; })
    .catch(function (error) { window.oembedError = String(error); });
}
</script>
</body>
</html>`;
}
