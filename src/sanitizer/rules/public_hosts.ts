/**
 * Host names the sanitizer keeps: well-known public services (and the
 * reserved example domains), matched on the registrable suffix, plus the
 * private suffixes it always redacts and the top-level domains it treats as
 * "this is a real host name".
 *
 * The rule for the list: a service is public when its host names are the
 * same for every user and published in its documentation (package
 * registries, developer APIs and their OAuth/account hosts, consumer
 * platforms with public APIs such as `accounts.spotify.com`), so naming it
 * says nothing about the user. A host that differs per customer
 * (`acme.my.salesforce.com` aside from allowlisted SaaS suffixes, a cluster
 * name) is not on it.
 *
 * @module
 */

const PUBLIC_DOMAINS = new Set(
  `
aka.ms bitnami.com artifacthub.io ifconfig.me ipify.org icanhazip.com ipinfo.io
mailgun.org mailgun.net cloudinary.com on.aws
cloudfunctions.net run.app ngrok.app trycloudflare.com tailscale.com plex.tv nx.dev turbo.build
fontawesome.com googletagmanager.com google-analytics.com doubleclick.net recaptcha.net youtu.be
github.com githubusercontent.com github.io githubassets.com githubapp.com ghcr.io gitlab.com
bitbucket.org npmjs.org npmjs.com yarnpkg.com pypi.org pythonhosted.org python.org crates.io
rust-lang.org rustup.rs golang.org go.dev docker.com docker.io quay.io gcr.io pkg.dev k8s.io
kubernetes.io helm.sh openai.com anthropic.com huggingface.co hf.co google.com googleapis.com
gstatic.com googleusercontent.com microsoft.com azure.com windows.net azureedge.net
visualstudio.com office.com live.com microsoftonline.com amazonaws.com amazon.com aws.dev
cloudfront.net cloudflare.com cloudflare-dns.com apple.com icloud.com ubuntu.com canonical.com
launchpad.net snapcraft.io debian.org archlinux.org fedoraproject.org centos.org redhat.com
alpinelinux.org kernel.org gnu.org mozilla.org nodejs.org deno.land deno.com deno.dev jsr.io
brew.sh sourceforge.net stackoverflow.com stackexchange.com wikipedia.org example.com
example.org example.net letsencrypt.org slack.com stripe.com twilio.com sendgrid.com
sendgrid.net heroku.com vercel.com netlify.com digitalocean.com linode.com fly.io render.com
mongodb.com gmail.com outlook.com hotmail.com yahoo.com protonmail.com proton.me
jetbrains.com gradle.org maven.org apache.org eclipse.org spring.io rubygems.org ruby-lang.org
php.net packagist.org getcomposer.org nuget.org dotnet.microsoft.com powershellgallery.com
chocolatey.org cran.r-project.org r-project.org anaconda.com anaconda.org conda.io
continuum.io jfrog.io jfrog.com sonatype.org hashicorp.com terraform.io releases.hashicorp.com
elastic.co grafana.com prometheus.io influxdata.com postgresql.org mysql.com mariadb.org
redis.io sqlite.org oracle.com java.com openjdk.org adoptium.net nginx.org nginx.com
apache.org httpd.apache.org curl.se haxx.se openssl.org openssh.com gnupg.org keys.openpgp.org
ollama.com ollama.ai vllm.ai mistral.ai groq.com together.ai replicate.com cohere.com
perplexity.ai x.ai deepseek.com openrouter.ai modelscope.cn pytorch.org tensorflow.org
nvidia.com download.nvidia.com cuda.nvidia.com intel.com amd.com arm.com raspberrypi.com
raspberrypi.org ubuntu.org opensuse.org suse.com gentoo.org nixos.org nixos.wiki
freebsd.org openbsd.org netbsd.org vim.org neovim.io emacs.org gnome.org kde.org
freedesktop.org flathub.org x.org xorg.freedesktop.org mesa3d.org w3.org whatwg.org
ietf.org iana.org ietf.org ntp.org pool.ntp.org time.google.com opendns.com quad9.net
dns.google one.one.one.one akamai.net akamaihd.net fastly.net jsdelivr.net unpkg.com
cdnjs.cloudflare.com bootstrapcdn.com fonts.googleapis.com youtube.com twitter.com x.com
facebook.com instagram.com linkedin.com reddit.com discord.com discord.gg telegram.org
whatsapp.com zoom.us atlassian.com atlassian.net jira.com bitbucket.io trello.com notion.so
figma.com dropbox.com box.com okta.com auth0.com sentry.io datadoghq.com newrelic.com
pagerduty.com circleci.com travis-ci.com travis-ci.org appveyor.com codecov.io
sonarcloud.io snyk.io shields.io readthedocs.io readthedocs.org gitbook.io medium.com
dev.to npm.community nodesource.com astral.sh pnpm.io bun.sh vitejs.dev vuejs.org
reactjs.org react.dev angular.io svelte.dev nextjs.org tailwindcss.com getbootstrap.com
jquery.com typescriptlang.org eslint.org prettier.io jestjs.io webpack.js.org babeljs.io
socket.io supabase.com supabase.co firebase.google.com firebaseio.com cloud.google.com
console.cloud.google.com portal.azure.com aws.amazon.com console.aws.amazon.com
s3.amazonaws.com mcr.microsoft.com packages.microsoft.com download.docker.com
get.docker.com hub.docker.com registry-1.docker.io production.cloudflare.docker.com
archive.ubuntu.com security.ubuntu.com deb.debian.org security.debian.org
dl-cdn.alpinelinux.org mirror.centos.org mirrors.kernel.org ports.ubuntu.com
ppa.launchpadcontent.net launchpadcontent.net api.github.com codeload.github.com
objects.githubusercontent.com raw.githubusercontent.com gist.github.com
registry.npmjs.org registry.yarnpkg.com files.pythonhosted.org upload.pypi.org
test.pypi.org index.crates.io static.crates.io proxy.golang.org sum.golang.org
api.openai.com api.anthropic.com generativelanguage.googleapis.com
oauth2.googleapis.com accounts.google.com login.microsoftonline.com graph.microsoft.com
management.azure.com vault.azure.net azurecr.io azurewebsites.net core.windows.net
blob.core.windows.net sts.amazonaws.com ecr.aws public.ecr.aws dkr.ecr.aws
api.stripe.com api.twilio.com api.sendgrid.com hooks.slack.com api.slack.com
discordapp.com cdn.discordapp.com api.telegram.org gitlab.io readthedocs.com
gserviceaccount.com mailgun.net mailgun.com mailchimp.com postmarkapp.com sparkpost.com
mandrillapp.com algolia.net algolia.com pusher.com pusherapp.com paypal.com braintreegateway.com
square.com squareup.com shopify.com myshopify.com atlassian.com bitbucket.com
statuspage.io segment.io segment.com mixpanel.com amplitude.com intercom.io zendesk.com
hubspot.com salesforce.com force.com auth0.com onelogin.com duo.com duosecurity.com
1password.com lastpass.com bitwarden.com keybase.io gitter.im matrix.org element.io
vercel.app netlify.app pages.dev workers.dev herokuapp.com appspot.com web.app
firebaseapp.com azurewebsites.net cloudapp.net trafficmanager.net azure-api.net
elasticbeanstalk.com awsapps.com amazoncognito.com execute-api.amazonaws.com
digitaloceanspaces.com backblazeb2.com wasabisys.com r2.cloudflarestorage.com
openstreetmap.org mapbox.com here.com tomtom.com ipinfo.io ifconfig.me ifconfig.co
icanhazip.com ipify.org api.ipify.org checkip.amazonaws.com whatismyip.com
speedtest.net fast.com ookla.com cloudflare.net googlevideo.com ytimg.com
npmmirror.com taobao.org aliyun.com alibabacloud.com tencentcloud.com qq.com baidu.com
gitee.com coding.net jsdelivr.com esm.sh skypack.dev deno.net jsr.io
sourcegraph.com gitpod.io codespaces.new github.dev vscode.dev visualstudio.microsoft.com
marketplace.visualstudio.com open-vsx.org update.code.visualstudio.com
nuget.org api.nuget.org pkg.go.dev go.googlesource.com googlesource.com chromium.org
android.com developer.android.com gradle-plugins.gradle.org plugins.gradle.org
repo.maven.apache.org repo1.maven.org central.sonatype.com oss.sonatype.org
hackage.haskell.org haskell.org stackage.org opam.ocaml.org ocaml.org elixir-lang.org hex.pm
cpan.org metacpan.org pub.dev dart.dev flutter.dev swift.org cocoapods.org
julialang.org ctan.org tug.org latex-project.org overleaf.com
kaggle.com colab.research.google.com jupyter.org anaconda.cloud
ngrok.io ngrok.com ngrok-free.app localtest.me nip.io sslip.io xip.io lvh.me
pypa.io python-poetry.org sourceware.org codeberg.org sr.ht mit.edu digicert.com sectigo.com
wttr.in httpbin.org typicode.com postman-echo.com reqres.in github.blog githubstatus.com
docs.github.com docs.docker.com docs.python.org readthedocs.io man7.org die.net
ss64.com tldp.org askubuntu.com superuser.com serverfault.com unix.stackexchange.com
ollama.ai llama.meta.com meta.com mistral.ai lmstudio.ai gpt4all.io
datadoghq.eu together.xyz cohere.ai claude.ai chatgpt.com bing.com duckduckgo.com
windowsupdate.com office365.com sharepoint.com skype.com webex.com slack-edge.com
gravatar.com wordpress.org wordpress.com godaddy.com namecheap.com globalsign.com
developer.apple.com apps.apple.com icloud.com mzstatic.com msftconnecttest.com
ubuntu.com snapcraft.io canonical.com
spotify.com scdn.co twitch.tv soundcloud.com tiktok.com pinterest.com tumblr.com vimeo.com
strava.com yelp.com uber.com lyft.com airbnb.com netflix.com steampowered.com steamcommunity.com
epicgames.com battle.net deezer.com last.fm imgur.com giphy.com patreon.com wix.com
squarespace.com dribbble.com behance.net flickr.com vk.com yandex.ru yandex.com line.me
kakao.com naver.com weibo.com mastodon.social bsky.app bsky.social threads.net snapchat.com

`.trim().split(/\s+/),
);

const RESERVED_TLDS = new Set(["example", "invalid", "localhost", "test"]);

/** Private suffixes: a host under one of these is always redacted. */
export const PRIVATE_SUFFIXES: readonly string[] = [
  "internal",
  "corp",
  "local",
  "lan",
  "intranet",
  "localdomain",
  "home.arpa",
  "private",
  "priv",
  "intra",
  "home",
];

/** TLDs of real host names (file-extension look-alikes such as `.py` excluded). */
export const HOST_TLDS = new Set(
  `
com net org io dev app co ai cloud tech info biz xyz site online me us uk de fr nl es it ch at
be se no dk fi pl cz pt ie ca au nz jp cn kr in br mx ar za ru tw hk sg il ae tr gr ro hu sk
bg hr si lt lv ee lu is tv cc ly gg to ws fm gov edu mil int store shop blog page tools systems
network solutions services digital agency company group email works studio ltd inc llc team
zone live world today space software codes host hosting server build run engineering
consulting capital finance bank health care media news global ventures labs academy center
eu asia biz pro name mobi jobs travel museum aero coop cat tel id my th vn ph pk ng ke eg sa
cl pe ve uy ua by kz ge am az md rs ba mk al me
top icu vip one work web industries partners holdings enterprises fund investments energy
insurance legal law clinic university school events games gold rocks ninja guru expert
management marketing club design click link chat social systems technology education
institute foundation community support ir iq qa kw om jo lb ma tn dz et gh lk bd np mn kh
`.trim().split(/\s+/),
);

/**
 * Whether `host` (lower case) is a well-known public service, a reserved
 * example name, or loopback.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPublicHost } from "./public_hosts.ts";
 * assert(isPublicHost("registry.npmjs.org") && !isPublicHost("git.acme-corp.com"));
 * ```
 */
export function isPublicHost(host: string): boolean {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  if (RESERVED_TLDS.has(labels[labels.length - 1])) return true;
  if (labels[0] === "localhost") return true;
  for (let k = 0; k < labels.length - 1; k++) {
    if (PUBLIC_DOMAINS.has(labels.slice(k).join("."))) return true;
  }
  return false;
}

/**
 * Whether `host` (lower case) ends in a private suffix (`.internal`, `.corp` …).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hasPrivateSuffix } from "./public_hosts.ts";
 * assert(hasPrivateSuffix("db01.corp.internal") && !hasPrivateSuffix("pypi.org"));
 * ```
 */
export function hasPrivateSuffix(host: string): boolean {
  const lower = host.toLowerCase().replace(/\.$/, "");
  return PRIVATE_SUFFIXES.some((suffix) => lower.endsWith(`.${suffix}`));
}
