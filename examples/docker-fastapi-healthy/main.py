"""Text Stats API: character, word and line counts for a posted text."""

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="Text Stats API")


class Text(BaseModel):
    text: str


@app.get("/health")
def health() -> str:
    return "ok"


@app.post("/stats")
def stats(body: Text) -> dict[str, int]:
    return {
        "characters": len(body.text),
        "words": len(body.text.split()),
        "lines": body.text.count("\n") + 1 if body.text else 0,
    }
