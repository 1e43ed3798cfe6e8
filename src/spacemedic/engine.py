"""The lint engine: run the selected rules over a Space repository, apply the user's config
and inline suppressions, and return a `Report`. Rules never crash the run: a rule that fails
becomes an `Unavailable` entry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from spacemedic.models import Finding, Report, Unavailable
from spacemedic.rules.base import Rule
from spacemedic.errors import UsageError
from spacemedic.rules import registry
from spacemedic.rules.selectors import check_selectors, matches
from spacemedic.space.config import LintConfig, load_config
from spacemedic.space.context import SpaceContext
from spacemedic.space.repo import SpaceRepo
from spacemedic.space.suppress import Suppression, has_hash_comments, parse_suppressions

__all__ = ["lint_path", "matches", "selected_rules"]


def check_config(config: LintConfig) -> None:
    """`ConfigError` naming the file for a select/ignore/severity entry that names no rule."""
    from spacemedic.errors import ConfigError
    from spacemedic.rules.selectors import closest_code

    source = config.source or "config"
    rules = registry.catalogue()
    for key, values in (("select", config.select), ("ignore", config.ignore)):
        problem = check_selectors(values, rules, key)
        if problem:
            raise ConfigError(f"{source}: {problem}")
    codes = [r.code for r in rules]
    for code in config.severity:
        if code not in codes:
            best = closest_code(code, codes)
            hint = f"; did you mean {best!r}?" if best else ""
            raise ConfigError(f"{source}: severity: unknown rule code {code[:60]!r}{hint}")


def selected_rules(config: LintConfig) -> list[type[Rule]]:
    """The rules `config` selects, in run order; only their modules are imported."""
    refs = [r for r in registry.catalogue() if not config.select or matches(r, config.select)]
    return [r.load() for r in refs if not matches(r, config.ignore)]


def lint_path(
    path: str | Path,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    config: LintConfig | None = None,
    config_path: Path | None = None,
) -> Report:
    for option, values in (("--select", select), ("--ignore", ignore)):
        problem = check_selectors(values, registry.catalogue(), option)
        if problem:
            raise UsageError(problem)
    repo = SpaceRepo.open(path)
    base = config if config is not None else load_config(repo.root, config_path)
    check_config(base)
    cfg = base.merged(select=select, ignore=ignore)
    ctx = SpaceContext(repo)
    findings: list[Finding] = []
    unavailable: list[Unavailable] = []
    for rule_cls in selected_rules(cfg):
        rule = rule_cls()
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:  # a rule bug must not hide every other finding
            unavailable.append(Unavailable(f"rule {rule.code} ({rule.name})", f"internal error: {type(exc).__name__}: {exc}"))
    unavailable.extend(ctx.unavailable)
    findings = _mark_assumption(ctx, findings)
    findings = _apply_suppressions(repo, findings, cfg)
    findings = [_override(f, cfg) for f in findings if _enabled(f, cfg)]
    findings.sort(key=lambda f: (f.path or "", f.line or 0, f.code))
    edited = sorted({e.path for f in findings if f.autofix for e in f.autofix.edits})
    return Report(
        root=str(repo.root),
        findings=tuple(dict.fromkeys(findings)),
        unavailable=tuple(dict.fromkeys(unavailable)),
        sdk=ctx.sdk,
        files_scanned=len(repo.files),
        digests=tuple((p, _sha256(repo.raw(p))) for p in edited),
    )


def _mark_assumption(ctx: SpaceContext, findings: list[Finding]) -> list[Finding]:
    """Findings made while the sdk is only assumed say what they depend on."""
    a = ctx.assumption
    if a is None:
        return findings
    from spacemedic.models import Category
    note = f"depends on the assumption sdk: {a.sdk} ({a.why}); the README front matter does not set it"
    return [
        f if f.category is Category.FRONT_MATTER else dataclasses.replace(f, evidence=(*f.evidence, note))
        for f in findings
    ]


def _sha256(data: bytes | None) -> str:
    import hashlib

    return hashlib.sha256(data or b"").hexdigest()


def _enabled(finding: Finding, cfg: LintConfig) -> bool:
    rule = _by_code().get(finding.code)
    if rule is None:
        return True
    if cfg.select and not matches(rule, cfg.select):
        return False
    return not matches(rule, cfg.ignore)


def _override(finding: Finding, cfg: LintConfig) -> Finding:
    sev = cfg.severity.get(finding.code)
    if sev is None or sev == finding.severity:
        return finding
    return Finding(**{**finding.__dict__, "severity": sev})


def _apply_suppressions(repo: SpaceRepo, findings: list[Finding], cfg: LintConfig) -> list[Finding]:
    paths = {p for p in {f.path for f in findings if f.path} | set(repo.read_paths()) if has_hash_comments(p)}
    paths |= set(_suppressible(repo))
    suppressions: list[Suppression] = []
    for p in sorted(paths):
        text = repo.text(p)
        if text and "spacemedic" in text:
            suppressions.extend(parse_suppressions(p, text))
    from spacemedic.rules.meta.suppression_without_reason import SuppressionWithoutReason
    from spacemedic.rules.meta.unused_suppression import UnusedSuppression

    valid = [s for s in suppressions if s.reason]
    meta = [
        _about(SuppressionWithoutReason, s, f"suppression of {', '.join(s.codes) or '(no code)'} has no reason, "
               "so it is not applied", f"# spacemedic: ignore[{','.join(s.codes)}]",
               "Say why after the bracket: # spacemedic: ignore[SM301] the proxy rewrites the port")
        for s in suppressions
        if not s.reason
    ]
    known = _by_code()
    meta += [
        _about(UnusedSuppression, s, f"suppression names {code}, which is not a spacemedic rule{_did_you_mean(code, known)}",
               f"# spacemedic: ignore[{','.join(s.codes)}]",
               "Correct the code (`spacemedic rules` lists them) or remove the comment.")
        for s in valid
        for code in s.codes
        if code not in known
    ]
    used: set[Suppression] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = next((s for s in valid if s.path == f.path and s.line == f.line and f.code in s.codes), None)
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    meta += [
        _about(UnusedSuppression, s, f"suppression of {', '.join(s.codes)} matches no finding on line {s.line}",
               f"reason given: {s.reason}",
               "Remove the comment, or move it onto (or just above) the line it should cover.")
        for s in valid
        if s not in used and any(code in known for code in s.codes)
    ]
    return kept + meta


def _about(rule: type[Rule], s: Suppression, message: str, evidence: str, fix: str) -> Finding:
    """A finding of a meta rule about the suppression comment `s` itself, on the comment's line."""
    return rule().finding(message, path=s.path, line=s.comment_line, evidence=(evidence,), fix=fix)


_SUPPRESSIBLE_CAP = 3000


def _suppressible(repo: SpaceRepo) -> list[str]:
    """Files whose `#` comments may hold suppressions (bounded, small files only)."""
    out = []
    for f in repo.files:
        if f.size > 262_144:
            continue
        if has_hash_comments(f.path):
            out.append(f.path)
            if len(out) >= _SUPPRESSIBLE_CAP:
                break
    return out


def _by_code() -> dict[str, registry.RuleRef]:
    return {r.code: r for r in registry.catalogue()}


def _did_you_mean(code: str, known: dict[str, registry.RuleRef]) -> str:
    from spacemedic.rules.selectors import closest_code

    best = closest_code(code, known)
    return f"; did you mean {best}?" if best else ""
