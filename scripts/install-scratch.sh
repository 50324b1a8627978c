#!/usr/bin/env bash
# Install CME Manager into a new scratch org with the Salesforce CLI (sf v2).
#
# Steps: build the TypeScript LWC, create the scratch org, deploy force-app,
# assign the CME_Admin permission set, load the compliance rule packs, create the
# demo cast (a manager and a rep reporting to them; the manager also becomes your
# manager, so you can submit events for approval), open the CME app. Run with
# --help for the options, --dry-run to see the exact commands.
#
# Exit codes: 0 success (or --help / --dry-run), 1 a preflight check or a step
# failed, 2 usage error.
set -euo pipefail

readonly PROG="install-scratch.sh"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
CALLER_DIR="$PWD"
readonly SCRIPT_DIR ROOT CALLER_DIR

readonly DEFAULT_ALIAS="cme-scratch"
readonly DEFAULT_DURATION=7
readonly DEFAULT_DEFINITION="config/project-scratch-def.json"
readonly RULE_PACK_PLAN="config/rule-packs/plan.json"
readonly SOURCE_DIR="force-app"
readonly APP_PATH="lightning/app/c__CME"
readonly ADMIN_PERMSET="CME_Admin"
readonly OTHER_PERMSETS=(CME_Field_Rep CME_Event_Manager CME_Compliance_Officer)
readonly CREATE_WAIT=15
readonly DEPLOY_WAIT=30
readonly LOGIN_HINT="sf org login web --set-default-dev-hub --alias devhub"
# The demo cast: user definition files (Salesforce DX Developer Guide, "User Definition File for
# Customizing a Scratch Org User": any User field plus profileName and permsets). A scratch org
# allows two users besides its admin by default. The approval process's first step is the
# submitter's manager (User.ManagerId): a fresh scratch org's admin has none, so without this
# Submit for Approval fails.
readonly MANAGER_DEF="config/users/manager.json"
readonly REP_DEF="config/users/rep.json"
# Placeholders in the plan for values earlier steps print: filled in as the run goes.
readonly MANAGER_ID_SLOT="<manager-id>"
readonly ADMIN_SLOT="<your-username>"

usage() {
  cat <<EOF
Usage: scripts/$PROG [options]

Install CME Manager into a new scratch org: build the LWC, create the scratch
org, deploy force-app, assign the $ADMIN_PERMSET permission set to you, load the
compliance rule packs, create the demo cast (a manager and a rep reporting to
them; the manager also becomes your manager, because the approval process sends
a submitted event to the submitter's manager first) and open the CME app. Works
from any directory.

Options:
  --dev-hub ALIAS         Dev Hub username or alias (default: the configured
                          target-dev-hub)
  --alias ALIAS           alias for the new scratch org (default: $DEFAULT_ALIAS)
  --duration-days N       days until the scratch org expires, 1-30 (default: $DEFAULT_DURATION)
  --definition-file PATH  scratch org definition file
                          (default: $DEFAULT_DEFINITION)
  --no-demo-users         do not create the demo manager and rep (you then need
                          a manager of your own before you can submit events
                          for approval)
  --no-open               do not open the org in a browser at the end
  --dry-run               print the numbered plan of exact commands and exit
                          without changing anything
  -h, --help              show this help

Requires the Salesforce CLI (npm install -g @salesforce/cli), Node.js and npm
(run 'npm install' in the repository first), and an authorised Dev Hub
($LOGIN_HINT).

Examples:
  # Install with the default Dev Hub into a 7-day org aliased $DEFAULT_ALIAS
  scripts/$PROG

  # Show what would run, without changing anything
  scripts/$PROG --dry-run

  # Use a named Dev Hub, a 30-day org with its own alias, and no browser
  scripts/$PROG --dev-hub devhub --alias cme-demo --duration-days 30 --no-open

Exit codes: 0 success, 1 a check or step failed, 2 usage error.
EOF
}

usage_error() {
  printf '%s: %s\n' "$PROG" "$1" >&2
  printf "Run 'scripts/%s --help' for usage.\n" "$PROG" >&2
  exit 2
}

# --- options ---------------------------------------------------------------

DEV_HUB_OPT=""
ALIAS="$DEFAULT_ALIAS"
DURATION="$DEFAULT_DURATION"
DEFINITION_OPT=""
OPEN_ORG=1
DRY_RUN=0
DEMO_USERS=1

need_value() { # option-name, remaining-arg-count, next-arg
  if (($2 < 2)) || [[ ${3:-} == --* ]]; then usage_error "option $1 needs a value"; fi
}

while (($# > 0)); do
  arg=$1
  value=""
  has_inline=0
  if [[ $arg == --*=* ]]; then
    value=${arg#*=}
    arg=${arg%%=*}
    has_inline=1
  fi
  case $arg in
    --dev-hub | --alias | --duration-days | --definition-file)
      if ((has_inline == 0)); then
        need_value "$arg" $# "${2:-}"
        value=$2
        shift
      fi
      if [[ -z $value ]]; then
        usage_error "option $arg needs a non-empty value"
      fi
      if [[ $arg != --definition-file && $value =~ [[:space:]] ]]; then
        usage_error "option $arg takes a name without spaces (got '$value')"
      fi
      case $arg in
        --dev-hub) DEV_HUB_OPT=$value ;;
        --alias) ALIAS=$value ;;
        --duration-days) DURATION=$value ;;
        --definition-file) DEFINITION_OPT=$value ;;
      esac
      ;;
    --no-open | --no-demo-users | --dry-run | -h | --help)
      if ((has_inline == 1)); then usage_error "option $arg takes no value"; fi
      case $arg in
        --no-open) OPEN_ORG=0 ;;
        --no-demo-users) DEMO_USERS=0 ;;
        --dry-run) DRY_RUN=1 ;;
        -h | --help)
          usage
          exit 0
          ;;
      esac
      ;;
    *) usage_error "unknown option: $1" ;;
  esac
  shift
done

if ! [[ $DURATION =~ ^[0-9]{1,3}$ ]] || ((10#$DURATION < 1 || 10#$DURATION > 30)); then
  usage_error "--duration-days must be a whole number from 1 to 30 (got '$DURATION')"
fi
DURATION=$((10#$DURATION))

# The definition file: a path given on the command line is relative to the
# directory the script was started from; the default is relative to the repo.
if [[ -n $DEFINITION_OPT ]]; then
  case $DEFINITION_OPT in
    /*) DEFINITION_ABS=$DEFINITION_OPT ;;
    *) DEFINITION_ABS="$CALLER_DIR/$DEFINITION_OPT" ;;
  esac
else
  DEFINITION_ABS="$ROOT/$DEFAULT_DEFINITION"
fi
# Commands run from the repo root: show repo files relative to it.
if [[ $DEFINITION_ABS == "$ROOT/"* ]]; then
  DEFINITION=${DEFINITION_ABS#"$ROOT/"}
else
  DEFINITION=$DEFINITION_ABS
fi

cd "$ROOT"

# --- helpers ---------------------------------------------------------------

# Print a command so it can be copied into a shell.
quote_cmd() {
  local out="" word
  for word in "$@"; do
    if [[ $word =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
      out+="$word "
    else
      out+="$(printf '%q' "$word") "
    fi
  done
  printf '%s' "${out% }"
}

WARNINGS=()
warn() {
  printf 'Warning: %s\n' "$1" >&2
}

# A failed preflight check: fatal for a real run, a warning under --dry-run.
preflight_fail() { # message, hint
  if ((DRY_RUN == 1)); then
    WARNINGS+=("$1 $2")
    return 0
  fi
  printf 'Error: %s\n' "$1" >&2
  printf '%s\n' "$2" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# Decide which Dev Hub to use from `sf org list --json` (read on stdin).
# Prints one line: "ok<TAB>hub<TAB>note", "none", "notfound<TAB>hubs",
# "ambiguous<TAB>hubs" or "error<TAB>message".
# Auth entries carry username, alias, isDevHub, isDefaultDevHubUsername and
# connectedStatus; with no orgs at all sf exits 1 with {"name":"NoOrgsFound"}.
readonly RESOLVE_HUB_JS='
const requested = process.argv[1] || "";
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => { text += c; });
process.stdin.on("end", () => {
  let doc;
  try { doc = JSON.parse(text); } catch {
    const i = text.indexOf("{");
    try { doc = JSON.parse(text.slice(i)); } catch { doc = undefined; }
  }
  if (!doc || typeof doc !== "object") { console.log("error\tsf org list --json did not print JSON"); return; }
  const result = doc.result && typeof doc.result === "object" ? doc.result : {};
  const seen = new Map();
  const add = (o) => { if (o && o.username && !seen.has(o.username)) seen.set(o.username, o); };
  (Array.isArray(result.devHubs) ? result.devHubs : []).forEach(add);
  (Array.isArray(result.nonScratchOrgs) ? result.nonScratchOrgs : [])
    .filter((o) => o && (o.isDevHub || o.isDefaultDevHubUsername)).forEach(add);
  const hubs = [...seen.values()];
  const name = (o) => o.alias || o.username;
  const names = hubs.map(name).join(", ");
  const status = (o) => (o.connectedStatus && o.connectedStatus !== "Connected" ? o.connectedStatus : "");
  if (hubs.length === 0) { console.log("none"); return; }
  if (requested) {
    const hub = hubs.find((o) => o.username === requested || o.alias === requested ||
      String(o.alias || "").split(",").map((s) => s.trim()).includes(requested));
    if (!hub) { console.log("notfound\t" + names); return; }
    console.log("ok\t" + requested + "\t" + status(hub));
    return;
  }
  const def = hubs.find((o) => o.isDefaultDevHubUsername);
  if (def) { console.log("ok\t" + name(def) + "\t" + status(def)); return; }
  if (hubs.length === 1) { console.log("ok\t" + name(hubs[0]) + "\t" + status(hubs[0]) + "\tonly"); return; }
  console.log("ambiguous\t" + names);
});
'

# Read "result.username" style paths from the JSON in a file; prints "" if absent.
readonly JSON_GET_JS='
const fs = require("node:fs");
const [file, path] = process.argv.slice(1);
let value;
try {
  const text = fs.readFileSync(file, "utf8");
  const doc = JSON.parse(text.slice(Math.max(0, text.indexOf("{"))));
  value = path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), doc);
} catch { value = undefined; }
process.stdout.write(value == null ? "" : String(value));
'

json_get() { # file, dotted.path
  node -e "$JSON_GET_JS" -- "$1" "$2" 2>/dev/null || true
}

# --- preflight (read-only) ---------------------------------------------------

SF_OK=1
if ! have sf; then
  SF_OK=0
  preflight_fail "the Salesforce CLI ('sf') is not on PATH." \
    "Install the Salesforce CLI: npm install -g @salesforce/cli"
fi

NODE_OK=1
if ! have node || ! have npm; then
  NODE_OK=0
  preflight_fail "Node.js and npm are needed to build the LWC but 'node' or 'npm' is not on PATH." \
    "Install Node.js 22 or newer (it includes npm), then run: npm install"
fi

if [[ ! -f sfdx-project.json || ! -d $SOURCE_DIR ]]; then
  preflight_fail "$ROOT is not the CME Manager project (no sfdx-project.json or $SOURCE_DIR/)." \
    "Run the script from a checkout of the repository: scripts/$PROG"
fi
if [[ ! -d node_modules ]]; then
  preflight_fail "the project's npm packages are not installed (no node_modules/)." \
    "Run: npm install"
fi
if [[ ! -f $DEFINITION_ABS ]]; then
  preflight_fail "the scratch org definition file '$DEFINITION' does not exist." \
    "Pass an existing file with --definition-file PATH (default: $DEFAULT_DEFINITION)."
fi
if [[ ! -f $RULE_PACK_PLAN ]]; then
  preflight_fail "the rule pack import plan '$RULE_PACK_PLAN' does not exist." \
    "Restore it from the repository (git checkout -- $RULE_PACK_PLAN)."
fi
if ((DEMO_USERS == 1)); then
  for def in "$MANAGER_DEF" "$REP_DEF"; do
    if [[ ! -f $def ]]; then
      preflight_fail "the demo user definition file '$def' does not exist." \
        "Restore it from the repository (git checkout -- $def), or pass --no-demo-users."
    fi
  done
fi

DEV_HUB=""
if ((SF_OK == 1 && NODE_OK == 1)); then
  org_list_json=$(sf org list --json 2>/dev/null) || true # exits 1 when no org is authorised
  hub_line=$(printf '%s' "$org_list_json" | node -e "$RESOLVE_HUB_JS" -- "$DEV_HUB_OPT" 2>/dev/null) ||
    hub_line="error	could not read the output of sf org list --json"
  IFS=$'\t' read -r hub_state hub_value hub_status hub_only <<<"$hub_line" || true
  case $hub_state in
    ok)
      DEV_HUB=$hub_value
      if [[ -n ${hub_only:-} ]]; then
        printf "Using the only authorised Dev Hub, '%s' (no default target-dev-hub is set).\n" "$DEV_HUB"
      fi
      if [[ -n ${hub_status:-} ]]; then
        warn "Dev Hub '$DEV_HUB' reports connection status '$hub_status'; if creating the scratch org fails, log in again: sf org login web --set-default-dev-hub --alias $DEV_HUB"
      fi
      ;;
    none)
      preflight_fail "No Dev Hub is authorised." "Run: $LOGIN_HINT"
      ;;
    notfound)
      preflight_fail "'$DEV_HUB_OPT' is not an authorised Dev Hub (authorised Dev Hubs: ${hub_value})." \
        "Pass one of those with --dev-hub, or run: sf org login web --set-default-dev-hub --alias $DEV_HUB_OPT"
      ;;
    ambiguous)
      preflight_fail "several Dev Hubs are authorised (${hub_value}) and no default target-dev-hub is set." \
        "Pass one with --dev-hub ALIAS, or set a default: sf config set target-dev-hub=ALIAS --global"
      ;;
    *)
      preflight_fail "could not determine the Dev Hub (${hub_value:-unknown error})." \
        "Check 'sf org list'; if no Dev Hub is listed, run: $LOGIN_HINT"
      ;;
  esac
fi
if [[ -z $DEV_HUB ]]; then
  # Only reachable under --dry-run: show the plan with the hub the hint creates.
  DEV_HUB=${DEV_HUB_OPT:-devhub}
  if ((SF_OK == 0 || NODE_OK == 0)); then
    WARNINGS+=("The Dev Hub could not be checked without sf and node.")
  fi
  WARNINGS+=("The plan shows --target-dev-hub $DEV_HUB.")
fi

# --- the plan ----------------------------------------------------------------

STEP_TITLES=()
STEP_CMDS=() # each entry: a command's words joined by the unit separator
add_step() { # title, command words...
  local title=$1
  shift
  local IFS=$'\x1f'
  STEP_TITLES+=("$title")
  STEP_CMDS+=("$*")
}
step_words() { # index -> sets WORDS
  IFS=$'\x1f' read -r -a WORDS <<<"${STEP_CMDS[$1]}"
}

add_step "Build the TypeScript LWC (compiled to JS in place)" \
  npm run build
add_step "Create scratch org '$ALIAS' ($DURATION days) from Dev Hub '$DEV_HUB'" \
  sf org create scratch --definition-file "$DEFINITION" --alias "$ALIAS" --duration-days "$DURATION" \
  --target-dev-hub "$DEV_HUB" --set-default --wait "$CREATE_WAIT" --json
add_step "Deploy $SOURCE_DIR to '$ALIAS'" \
  sf project deploy start --source-dir "$SOURCE_DIR" --target-org "$ALIAS" --wait "$DEPLOY_WAIT"
add_step "Assign the $ADMIN_PERMSET permission set to you (the org's admin user)" \
  sf org assign permset --name "$ADMIN_PERMSET" --target-org "$ALIAS"
add_step "Load the compliance rule packs" \
  sf data import tree --plan "$RULE_PACK_PLAN" --target-org "$ALIAS"
MANAGER_INDEX=-1
if ((DEMO_USERS == 1)); then
  MANAGER_INDEX=${#STEP_TITLES[@]}
  add_step "Create the demo manager (Arjun Mehta, CME_Event_Manager)" \
    sf org create user --target-org "$ALIAS" --definition-file "$MANAGER_DEF" --set-unique-username \
    --set-alias "$ALIAS-manager" --json
  add_step "Create the demo rep (Riya Sharma, CME_Field_Rep), reporting to the manager" \
    sf org create user --target-org "$ALIAS" --definition-file "$REP_DEF" --set-unique-username \
    --set-alias "$ALIAS-rep" --json "ManagerId=$MANAGER_ID_SLOT"
  add_step "Make the demo manager your manager, so your events can be submitted for approval" \
    sf data update record --sobject User --where "Username=$ADMIN_SLOT" --values "ManagerId=$MANAGER_ID_SLOT" \
    --target-org "$ALIAS"
fi
readonly MANAGER_INDEX
if ((OPEN_ORG == 1)); then
  add_step "Open the CME app" \
    sf org open --target-org "$ALIAS" --path "$APP_PATH"
fi
readonly TOTAL=${#STEP_TITLES[@]}
readonly CREATE_INDEX=1

USERNAME=""
MANAGER_ID=""
# Fill the placeholders of WORDS with what earlier steps printed (left as they are until then).
fill_slots() {
  local k
  for k in "${!WORDS[@]}"; do
    if [[ -n $MANAGER_ID ]]; then WORDS[k]=${WORDS[k]//"$MANAGER_ID_SLOT"/$MANAGER_ID}; fi
    if [[ -n $USERNAME ]]; then WORDS[k]=${WORDS[k]//"$ADMIN_SLOT"/$USERNAME}; fi
  done
}

print_commands_from() { # first index, indent
  local i
  for ((i = $1; i < TOTAL; i++)); do
    step_words "$i"
    fill_slots
    printf '%s%d. %s\n' "$2" "$((i + 1))" "$(quote_cmd "${WORDS[@]}")"
  done
}

if ((DRY_RUN == 1)); then
  printf 'Dry run: nothing will be changed. From %s the install would run:\n\n' "$ROOT"
  for ((i = 0; i < TOTAL; i++)); do
    step_words "$i"
    printf '  %d. %s\n' "$((i + 1))" "${STEP_TITLES[$i]}"
    printf '     %s\n' "$(quote_cmd "${WORDS[@]}")"
  done
  if ((DEMO_USERS == 1)); then
    printf '\n  %s is the Id step %d prints; %s is the admin username step 2 prints.\n' \
      "$MANAGER_ID_SLOT" "$((MANAGER_INDEX + 1))" "$ADMIN_SLOT"
  else
    printf '\n  Without the demo users your user has no manager, so Submit for Approval fails\n'
    printf '  until you set one (see the message at the end of a real run).\n'
  fi
  if ((${#WARNINGS[@]} > 0)); then
    printf '\n'
    for w in "${WARNINGS[@]}"; do warn "$w"; done
    warn "a real run would stop at these checks; fix them first."
  fi
  exit 0
fi

# --- run ---------------------------------------------------------------------

CREATE_STARTED=0
fail_step() { # index, exit code, detail
  local i=$1
  printf '\nError: step %d/%d failed: %s (exit code %s).\n' "$((i + 1))" "$TOTAL" "${STEP_TITLES[$i]}" "$2" >&2
  if [[ -n ${3:-} ]]; then printf '%s\n' "$3" >&2; fi
  if ((CREATE_STARTED == 1)); then
    printf "The scratch org '%s' (if it was created) can be deleted with:\n" "$ALIAS" >&2
    printf '  %s\n' "$(quote_cmd sf org delete scratch --target-org "$ALIAS" --no-prompt)" >&2
    if ((i > CREATE_INDEX)); then
      printf 'Or fix the problem and finish the install by hand, from %s:\n' "$ROOT" >&2
      print_commands_from "$i" '  ' >&2
    fi
  fi
  exit 1
}

for ((i = 0; i < TOTAL; i++)); do
  step_words "$i"
  fill_slots
  printf '\n[%d/%d] %s\n' "$((i + 1))" "$TOTAL" "${STEP_TITLES[$i]}"
  printf '  $ %s\n' "$(quote_cmd "${WORDS[@]}")"
  rc=0
  if ((i == CREATE_INDEX)); then
    CREATE_STARTED=1
    printf '  (creating a scratch org usually takes a few minutes; waiting up to %d minutes)\n' "$CREATE_WAIT"
    out_file=$(mktemp)
    "${WORDS[@]}" >"$out_file" || rc=$?
    if ((rc != 0)); then
      detail=$(json_get "$out_file" message)
      [[ -n $detail ]] || detail=$(tail -n 20 "$out_file")
      rm -f "$out_file"
      fail_step "$i" "$rc" "$detail"
    fi
    USERNAME=$(json_get "$out_file" result.username)
    rm -f "$out_file"
    if [[ -n $USERNAME ]]; then
      printf "  Created scratch org '%s' (username %s).\n" "$ALIAS" "$USERNAME"
    fi
  elif ((i == MANAGER_INDEX)); then
    out_file=$(mktemp)
    "${WORDS[@]}" >"$out_file" || rc=$?
    MANAGER_ID=$(json_get "$out_file" result.fields.id)
    manager_username=$(json_get "$out_file" result.fields.username)
    if ((rc != 0)) || [[ -z $MANAGER_ID ]]; then
      detail=$(json_get "$out_file" message)
      [[ -n $detail ]] || detail=$(tail -n 20 "$out_file")
      rm -f "$out_file"
      fail_step "$i" "$rc" "$detail"
    fi
    rm -f "$out_file"
    printf '  Created the demo manager %s (Id %s).\n' "$manager_username" "$MANAGER_ID"
  else
    "${WORDS[@]}" || rc=$?
    if ((rc != 0)); then fail_step "$i" "$rc"; fi
  fi
done

printf "\nDone: CME Manager is installed in scratch org '%s'%s, which expires in %d days.\n" \
  "$ALIAS" "${USERNAME:+ ($USERNAME)}" "$DURATION"
printf 'You have the %s permission set. To give other users of the org their role, assign\n' "$ADMIN_PERMSET"
printf 'the other permission sets with --on-behalf-of (username or alias of an existing user), e.g.:\n'
for ps in "${OTHER_PERMSETS[@]}"; do
  printf '  %s\n' "$(quote_cmd sf org assign permset --name "$ps" --target-org "$ALIAS" --on-behalf-of user@example.com)"
done
if ((DEMO_USERS == 1)); then
  printf 'The demo cast: the manager (alias %s) and the rep reporting to them (alias %s); the manager is\n' \
    "$ALIAS-manager" "$ALIAS-rep"
  printf 'also your manager, so events you submit go to them first. Open the app as the rep with:\n'
  printf '  %s\n' "$(quote_cmd sf org open --target-org "$ALIAS-rep" --path "$APP_PATH")"
  printf 'Seed demo data (events owned by the rep and the manager) with:\n'
  printf '  %s\n' "$(quote_cmd sf cme seed --target-org "$ALIAS")"
else
  printf 'Your user has no manager, so Submit for Approval fails (the first approval step is the\n'
  printf "submitter's manager). Give yourself one, with the Id of a user of the org:\n"
  printf '  %s\n' "$(quote_cmd sf data update record --sobject User --where "Username=${USERNAME:-$ADMIN_SLOT}" \
    --values "ManagerId=<user-id>" --target-org "$ALIAS")"
fi
if ((OPEN_ORG == 0)); then
  printf 'Open the app with:\n  %s\n' "$(quote_cmd sf org open --target-org "$ALIAS" --path "$APP_PATH")"
fi
printf 'Delete the org when you are done with:\n  %s\n' "$(quote_cmd sf org delete scratch --target-org "$ALIAS" --no-prompt)"
