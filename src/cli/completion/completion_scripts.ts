/**
 * The completion script each shell loads. All of them do the same: hand the
 * words typed so far (the last one being completed, possibly empty) to
 * `<name> completions complete -- <words…>` and offer what it prints, one
 * `value<TAB>description` per line. Nothing else is needed: bash works
 * without the bash-completion package, zsh with `compinit` alone. When caro
 * has nothing to offer (a file operand), the shell completes file names.
 *
 * @module
 */
import type { CompletionShell } from "./completion_shells.ts";

/**
 * The script for `shell` completing the program `name` (a plain word).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { completionScript } from "./completion_scripts.ts";
 * assert.match(completionScript("bash", "caro"), /complete -o default -F __caro_complete caro/);
 * assert.match(completionScript("powershell", "caro"), /Register-ArgumentCompleter -Native -CommandName 'caro'/);
 * ```
 */
export function completionScript(shell: CompletionShell, name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`not a plain program name: ${name}`);
  return `${SCRIPTS[shell].join("\n").replaceAll("PROGRAM", name)}\n`;
}

/**
 * Each script as lines; `PROGRAM` stands for the program's name. How to load
 * each is in `caro completions --help` (and the README), not repeated here.
 */
const SCRIPTS: Record<CompletionShell, string[]> = {
  bash: [
    "__PROGRAM_complete() {",
    "  local IFS=$'\\n' line i cur=${COMP_WORDS[COMP_CWORD]}",
    "  local -a lines words=()",
    '  # bash splits --flag=value at "=": glue the pieces back for PROGRAM',
    "  for ((i = 1; i <= COMP_CWORD; i++)); do",
    "    if ((${#words[@]})) && [[ ${COMP_WORDS[i]} == = || ${COMP_WORDS[i-1]} == = ]]; then",
    "      words[${#words[@]}-1]+=${COMP_WORDS[i]}",
    "    else",
    '      words+=("${COMP_WORDS[i]}")',
    "    fi",
    "  done",
    "  local glued=${words[${#words[@]}-1]}",
    '  lines=($(PROGRAM completions complete -- "${words[@]}" 2>/dev/null))',
    "  COMPREPLY=()",
    '  for line in "${lines[@]}"; do',
    "    line=${line%%$'\\t'*}",
    '    # bash replaces what follows the "=" only: the value',
    '    [[ $glued == "$cur" ]] || line=${line#"${glued%%=*}="}',
    '    COMPREPLY+=("$line")',
    "  done",
    "}",
    "complete -o default -F __PROGRAM_complete PROGRAM",
  ],
  zsh: [
    "#compdef PROGRAM",
    "_PROGRAM() {",
    "  local -a lines values",
    "  local line",
    '  lines=("${(@f)$(PROGRAM completions complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)}")',
    '  for line in "${lines[@]}"; do',
    "    [[ -z $line ]] && continue",
    "    values+=(\"${${line%%$'\\t'*}//:/\\\\:}:${line#*$'\\t'}\")",
    "  done",
    "  if (( ${#values} )); then",
    "    _describe 'PROGRAM' values",
    "  else",
    "    _files",
    "  fi",
    "}",
    "if [[ $funcstack[1] == _PROGRAM ]]; then",
    '  _PROGRAM "$@"',
    "else",
    "  compdef _PROGRAM PROGRAM",
    "fi",
  ],
  fish: [
    "function __PROGRAM_complete",
    "    set -l current (commandline -ct)",
    "    set -l words (commandline -opc)",
    '    set -l found (PROGRAM completions complete -- $words[2..-1] "$current" 2>/dev/null)',
    "    if test (count $found) -gt 0",
    "        printf '%s\\n' $found",
    "    else",
    '        __fish_complete_path "$current"',
    "    end",
    "end",
    "complete -c PROGRAM -f -a '(__PROGRAM_complete)'",
  ],
  powershell: [
    "Register-ArgumentCompleter -Native -CommandName 'PROGRAM' -ScriptBlock {",
    "    param($wordToComplete, $commandAst, $cursorPosition)",
    "    $words = @($commandAst.CommandElements | Select-Object -Skip 1 |",
    "        Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })",
    "    # The word being completed; an empty one as a space (Windows PowerShell drops empty arguments).",
    "    if ($wordToComplete -eq '') { $words += ' ' }",
    "    PROGRAM completions complete -- @words 2>$null | Where-Object { $_ } |",
    "        ForEach-Object {",
    '            $value, $description = $_ -split "`t", 2',
    "            if (-not $description) { $description = $value }",
    "            [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)",
    "        }",
    "}",
  ],
};
