"""Security stays on: deploy checks, headers, CSRF on session API writes, purity of pure code."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src" / "ttdn"
PURE_PACKAGES = ["text", "plans.parsing", "press.workdays", "monitoring.nlp"]
# Pure modules inside apps: the rules of the task lifecycle and the completeness arithmetic.
PURE_MODULES = ["plans.lifecycle", "plans.schedule", "reporting.completeness"]


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TTDN_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "ttdn.config.settings",
        "TTDN_SECRET_KEY": "p9$Xq" + "aZ3&kL0#vR8!mN2@wT6^yB4*cD7(eF1)gH5_jK9-" * 2,
        "TTDN_ALLOWED_HOSTS": "ttdn.example.gov.vn",
        "TTDN_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "ttdn.config.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_missing_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TTDN_", "DJANGO_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "ttdn.config.settings", "TTDN_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ttdn.config.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Thiếu biến môi trường TTDN_SECRET_KEY" in result.stderr


def test_security_headers_on_pages(world) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/login/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_api_write_requires_csrf(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    unit = world.police
    response = client.post(
        f"/api/v1/units/{unit.pk}/aliases", {"text": "CA"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert unit.aliases.count() == 0


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_pure_packages_import_no_django_and_no_apps() -> None:
    offenders = []
    paths = [
        p for package in PURE_PACKAGES for p in (SRC / package.replace(".", "/")).rglob("*.py")
    ]
    paths += [SRC / f"{module.replace('.', '/')}.py" for module in PURE_MODULES]
    pure = [*PURE_PACKAGES, *PURE_MODULES]
    for path in sorted(paths):
        assert path.exists(), path
        for name in _imports(path):
            # A pure package may use another pure package, nothing else of ours.
            allowed_own = any(name.startswith(f"ttdn.{p}") for p in pure)
            if name.split(".")[0] == "django" or (name.startswith("ttdn") and not allowed_own):
                offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []
