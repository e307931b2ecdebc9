# Installs caro.exe for Windows x64 from a GitHub release, after checking its
# SHA-256 against the release's SHA256SUMS.
#
#   irm https://github.com/wildcard/caro/releases/latest/download/install.ps1 | iex
#
# Settings (environment): CARO_VERSION (tag, default latest), CARO_INSTALL_DIR
# (default $env:LOCALAPPDATA\caro\bin), CARO_REPO (default wildcard/caro),
# CARO_DOWNLOAD_BASE (base URL holding the assets; overrides the two above).
$ErrorActionPreference = 'Stop'

function Fail([string] $message) {
  Write-Error "caro install: $message" -ErrorAction Continue
  exit 1
}

$arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture
if ($arch -ne 'X64') { Fail "no prebuilt caro for Windows on $arch (x64 only)" }
$asset = 'caro-windows-x64.exe'

$repo = if ($env:CARO_REPO) { $env:CARO_REPO } else { 'wildcard/caro' }
if ($env:CARO_DOWNLOAD_BASE) { $base = $env:CARO_DOWNLOAD_BASE }
elseif ($env:CARO_VERSION) { $base = "https://github.com/$repo/releases/download/$($env:CARO_VERSION)" }
else { $base = "https://github.com/$repo/releases/latest/download" }
$installDir = if ($env:CARO_INSTALL_DIR) { $env:CARO_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'caro\bin' }

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("caro-install-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $work | Out-Null
try {
  try {
    Invoke-WebRequest -UseBasicParsing -Uri "$base/$asset" -OutFile (Join-Path $work $asset)
    Invoke-WebRequest -UseBasicParsing -Uri "$base/SHA256SUMS" -OutFile (Join-Path $work 'SHA256SUMS')
  } catch { Fail "cannot download from ${base}: $($_.Exception.Message)" }

  $expected = $null
  foreach ($line in Get-Content (Join-Path $work 'SHA256SUMS')) {
    $parts = $line -split '\s+', 2
    if ($parts.Count -eq 2 -and $parts[1].TrimStart('*') -eq $asset) { $expected = $parts[0].ToLower() }
  }
  if (-not $expected) { Fail "SHA256SUMS has no line for $asset" }
  $actual = (Get-FileHash -Algorithm SHA256 -Path (Join-Path $work $asset)).Hash.ToLower()
  if ($expected -ne $actual) { Fail "checksum mismatch for $asset (expected $expected, got $actual); nothing installed" }

  New-Item -ItemType Directory -Force -Path $installDir | Out-Null
  Move-Item -Force (Join-Path $work $asset) (Join-Path $installDir 'caro.exe')
  Write-Output "caro installed to $(Join-Path $installDir 'caro.exe') ($asset, sha256 $actual)"
  if (-not (($env:PATH -split ';') -contains $installDir)) { Write-Output "note: $installDir is not on your PATH" }
} finally {
  Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
