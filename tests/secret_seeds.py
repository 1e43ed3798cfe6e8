"""Secret shapes for the redaction tests: hypothesis strategies and a fixed set of seeds.

Each generator yields (kind, text, value): `text` is how the secret appears in the wild (a line of
a log, an env file, a header), `value` is the part that must never be printed.
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

ALNUM = string.ascii_letters + string.digits
UPPER_NUM = string.ascii_uppercase + string.digits
B64URL = ALNUM + "_-"
HEX = "0123456789abcdef"


def _s(alphabet: str, lo: int, hi: int | None = None) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=lo, max_size=hi or lo)


def _with_digit(s: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return s.map(lambda v: v[:-1] + "7")


def _fmt(kind: str, template: str, value: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, str, str]]:
    return value.map(lambda v: (kind, template.format(v=v), v))


SECRET_NAMES = st.sampled_from(
    ["HF_TOKEN", "HUGGINGFACEHUB_API_TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY",
     "SECRET_KEY", "GRADIO_AUTH_KEY", "CLIENT_SECRET", "MY_APP_SECRET", "api_key", "password", "access_token"]
)

SHAPED: st.SearchStrategy[tuple[str, str, str]] = st.one_of(
    _fmt("hf-token", "{v}", _s(ALNUM, 34).map(lambda v: "hf_" + v)),
    _fmt("hf-oauth", "{v}", _s(B64URL, 24, 48).map(lambda v: "hf_oauth_" + v)),
    _fmt("jwt", "{v}", st.tuples(_s(B64URL, 10, 40), _s(B64URL, 10, 80), _s(B64URL, 16, 43)).map(lambda t: f"eyJ{t[0]}.eyJ{t[1]}.{t[2]}")),
    _fmt("aws-access-key", "{v}", st.tuples(st.sampled_from(["AKIA", "ASIA"]), _s(UPPER_NUM, 16)).map("".join)),
    _fmt("openai-key", "{v}", st.tuples(st.sampled_from(["sk-", "sk-proj-"]), _s(ALNUM, 40, 64)).map("".join)),
    _fmt("anthropic-key", "{v}", _s(B64URL, 40, 90).map(lambda v: "sk-ant-api03-" + v)),
    _fmt("github-token", "{v}", st.tuples(st.sampled_from(["ghp_", "gho_", "ghs_"]), _s(ALNUM, 36)).map("".join)),
    _fmt("github-token", "{v}", _s(ALNUM + "_", 82).map(lambda v: "github_pat_" + v)),
    _fmt("slack-token", "{v}", st.tuples(st.sampled_from(["xoxb-", "xoxp-"]), _s(ALNUM + "-", 20, 50)).map("".join)),
    _fmt("stripe-key", "{v}", st.tuples(st.sampled_from(["sk_live_", "rk_live_", "sk_test_"]), _s(ALNUM, 24, 99)).map("".join)),
    _fmt("google-api-key", "{v}", _s(B64URL, 35).map(lambda v: "AIza" + v)),
    _fmt("private-key", "{v}", _s(ALNUM + "+/", 64, 200).map(lambda b: f"-----BEGIN PRIVATE KEY-----\n{b[:64]}\n{b[64:]}\n-----END PRIVATE KEY-----")),
    _fmt("gcp-service-account", '{{"type": "service_account", "private_key_id": "{v}", "client_email": "a@b.iam.gserviceaccount.com"}}', _s(HEX, 40)),
)

CONTEXTUAL: st.SearchStrategy[tuple[str, str, str]] = st.one_of(
    _fmt("url-credentials", "https://user:{v}@example.com/repo.git", _with_digit(_s(ALNUM, 8, 30))),
    _fmt("url-credentials", "postgresql://admin:{v}@db.internal:5432/app", _with_digit(_s(ALNUM + "!~", 8, 30))),
    st.tuples(st.sampled_from(["token", "access_token", "api_key", "key", "sig"]), _s(ALNUM, 12, 40)).map(
        lambda t: ("url-token", f"https://api.example.com/v1/items?page=2&{t[0]}={t[1]}&x=1", t[1])
    ),
    _fmt("authorization", "Authorization: Bearer {v}", _s(ALNUM + "._-", 20, 60)),
    _fmt("authorization", "authorization: Basic {v}", _s(ALNUM + "+/", 16, 40)),
    _fmt("cookie", "Cookie: session={v}; theme=dark", _s(ALNUM, 16, 40)),
    st.tuples(SECRET_NAMES, _with_digit(_s(ALNUM + "/+", 8, 40)), st.sampled_from(["{n}={v}", "{n}: {v}", 'export {n}="{v}"', '"{n}": "{v}"', "ENV {n}={v}", "--{n} {v}"])).map(
        lambda t: ("secret-assignment", t[2].format(n=t[0], v=t[1]), t[1])
    ),
)

ANY_SECRET = st.one_of(SHAPED, CONTEXTUAL)

# Words and lines that must pass through unchanged.
WORDS = st.sampled_from(
    "the Space is stuck on Building since yesterday restart factory rebuild failed with 503 error "
    "tokenizer tokens max_tokens secret_name password_field token_count keyboard Bearer of news "
    "ModuleNotFoundError numpy pip install requirements.txt Dockerfile EXPOSE 7860 app_port uvicorn "
    "INFO: Uvicorn running on http://0.0.0.0:7860 (Press CTRL+C to quit) ===== Build Queued at 2026-07-06 ====="
    .split()
)
ORDINARY_LINES = st.one_of(
    st.lists(WORDS, min_size=1, max_size=20).map(" ".join),
    _s(HEX, 40).map(lambda h: f"commit {h}"),
    st.uuids().map(lambda u: f"request {u}"),
    st.tuples(_s(HEX, 8), _s(HEX, 24), st.uuids()).map(lambda t: f"X-Request-Id: Root=1-{t[0]}-{t[1]};{t[2]}"),
    st.tuples(_s(string.ascii_lowercase, 3, 12), _s(string.ascii_lowercase, 3, 12)).map(lambda t: f"https://huggingface.co/spaces/{t[0]}/{t[1]}?logs=container"),
    st.sampled_from([
        "tokenizer = AutoTokenizer.from_pretrained(model_id)",
        "token = os.environ.get(\"HF_TOKEN\")",
        "api_key = api_key or os.getenv('OPENAI_API_KEY')",
        "HF_TOKEN=$HF_TOKEN",
        "token: ${{ secrets.HF_TOKEN }}",
        "headers = {\"Authorization\": f\"Bearer {token}\"}",
        "password = None",
        "ERROR: Could not find a version that satisfies the requirement torch==9.9",
        "Exit code: 1. Reason: Traceback (most recent call last):",
        "x-request-id: jgPQR9",
        "Blocked by abuse-handler by rule: proc_scan: cmdline match: 'ttyd' in 'ttyd'",
        "docker run -it -p 7860:7860 --platform=linux/amd64 registry.hf.space/owner-space:latest",
    ]),
)

# One fixed value per kind, for the end-to-end seeded-secret test. Values are unique strings so a
# substring search finds any leak.
SEEDS: dict[str, str] = {
    "hf-token": "hf_SeedHfTokenAbCdEfGhIjKlMnOpQrStUv12",
    "hf-oauth": "hf_oauth_SeedOauthAbCdEfGhIjKlMn1234",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWVkand0In0.SeedJwtSignatureAbCdEf123",
    "aws-access-key": "AKIASEEDAWSKEY123456",
    "aws-secret": "SeedAwsSecretKey/abcdefghijklmnopqrst1234",
    "gcp-key-id": "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed",
    "pem-body": "MIIEvSeedPemBodyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "openai-key": "sk-proj-SeedOpenAiKeyAbCdEfGhIjKlMnOpQrStUvWx",
    "anthropic-key": "sk-ant-api03-SeedAnthropicAbCdEfGhIjKlMnOpQrSt",
    "github-token": "ghp_SeedGithubTokenAbCdEfGhIjKlMnOpQrSt12",
    "slack-token": "xoxb-5eed-SeedSlackTokenAbCdEf",
    "stripe-key": "sk_live_SeedStripeKeyAbCdEfGh1234",
    "google-api-key": "AIzaSeedGoogleKeyAbCdEfGhIjKlMnOpQrStUv",
    "url-password": "SeedUrlPassw0rd",
    "url-token": "SeedUrlQueryToken987",
    "bearer": "SeedBearerValue0123456789",
    "basic": "U2VlZEJhc2ljQXV0aDpwdzEyMw",
    "cookie": "SeedCookieSession4567",
    "env-secret": "SeedEnvSecretValue42",
    "json-password": "SeedJsonPassword77",
    # The shapes real (coloured, encoded, prefixed) logs give them (issue 16).
    "ansi-aws": "AKIASEEDANSIKEY98765",
    "ansi-hf": "hf_SeedAnsiHfTokenAbCdEfGhIjKlMnOpQr56",
    "pct-hf": "hf_SeedPctHfTokenAbCdEfGhIjKlMnOpQrS78",
    "dash-ghp": "ghp_SeedDashGhpTokenAbCdEfGhIjKlMnOpQr9",
    "id-akia": "AKIASEEDIDPREFIX1234",
    "suffix-hf": "hf_SeedSuffixTokenAbCdEfGhIjKlMnOpQrSt9",
    "json-u-hf": "hf_SeedJsonUHfTokenAbCdEfGhIjKlMnOpQr12",
    "pct-ant": "sk-ant-api03-SeedPctAnthropicAbCdEfGhIjKlMn",
    "under-proj": "sk-proj-SeedUnderscoreOpenAiAbCdEfGhIjKlMnOp",
    "pem-prefixed": "b3BlbnNzaC1SeedPrefixedPemBodyAbCdEfGhIjKl0123",
    "ansi-url-password": "SeedAnsiUrlPassw0rd",
    "long-url-password": "SeedLongUrlPassword" + "x9" * 150,
}


def seeded_text() -> str:
    """Every seed, in the context it would appear in real files and logs."""
    s = SEEDS
    return "\n".join([
        f"HF_TOKEN={s['hf-token']}",
        f"oauth access token {s['hf-oauth']} granted",
        f"jwt={s['jwt']}",
        f"aws_access_key_id = {s['aws-access-key']}",
        f"aws_secret_access_key = {s['aws-secret']}",
        f'{{"type": "service_account", "private_key_id": "{s["gcp-key-id"]}",',
        f' "private_key": "-----BEGIN PRIVATE KEY-----\\n{s["pem-body"]}\\n-----END PRIVATE KEY-----\\n"}}',
        f"openai={s['openai-key']} anthropic={s['anthropic-key']}",
        f"git clone https://{s['github-token']}@github.com/o/r",
        f"slack {s['slack-token']} stripe {s['stripe-key']} google {s['google-api-key']}",
        f"DATABASE_URL=postgres://admin:{s['url-password']}@db:5432/app",
        f"GET https://api.example.com/v1?page=1&access_token={s['url-token']}",
        f"Authorization: Bearer {s['bearer']}",
        f"authorization: Basic {s['basic']}",
        f"Cookie: session={s['cookie']}",
        f"MY_APP_SECRET={s['env-secret']}",
        f'{{"password": "{s["json-password"]}"}}',
        f"\x1b[33m{s['ansi-aws']}\x1b[0m exported, \x1b[1m{s['ansi-hf']}\x1b[0m loaded",
        f"curl https://x.io/?q%3D{s['pct-hf']} key%3D{s['pct-ant']}",
        f"ocr-{s['dash-ghp']}-worker id_{s['id-akia']} {s['suffix-hf']}-1 x_{s['under-proj']}_1",
        "caf\\u00e9" + s["json-u-hf"],
        "#12 0.31 -----BEGIN OPENSSH PRIVATE KEY-----",
        f"#12 0.31 {s['pem-prefixed']}",
        f"#12 0.32 {s['pem-prefixed'][::-1]}",
        "#12 0.32 -----END OPENSSH PRIVATE KEY-----",
        f"\x1b[36mhttps://admin:{s['ansi-url-password']}@db.internal/app\x1b[0m",
        f"https://admin:{s['long-url-password']}@db.internal/app",
    ])
