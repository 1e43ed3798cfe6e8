import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def root() -> dict[str, str]:
    return {"status": "ok"}


if __name__ == "__main__":
    # Local runs use 8000; the Space image sets PORT=7860.
    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", 8000)))
