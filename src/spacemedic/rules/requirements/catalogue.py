"""Data for the requirements rules, each entry with its source.

REMOVED_APIS: APIs a later major release removed. `pattern` is matched against the
resolved dotted names the code imports or references (`numpy.float`), or, for `kwarg`, a
keyword argument of a call whose last name is `call` (`.launch(enable_queue=...)`).
`removed_in` is the first release without
it. Verified entries only: every version here is from the project's release notes or from the
migration issues cited. (`np.bool` is not listed: NumPy 2.0 brought it back.)

SHARED_MODULES: distributions that install the same top-level import package; installing two
of them leaves whichever pip wrote last.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Removal:
    distribution: str
    what: str  # as shown to the user
    removed_in: str
    replacement: str
    source: str
    prefixes: tuple[str, ...] = ()  # dotted names that use it (prefix match on a name boundary)
    call: str | None = None
    kwarg: str | None = None


REMOVED_APIS: tuple[Removal, ...] = (
    Removal(
        "moviepy",
        "moviepy.editor",
        "2.0.0",
        "import from `moviepy` directly (from moviepy import VideoFileClip)",
        "moviepy 'updating to v2' guide (moviepy.editor suppression); Zulko/moviepy#2375, #2479",
        prefixes=("moviepy.editor",),
    ),
    Removal(
        "gradio",
        "launch(enable_queue=...)",
        "4.0.0",
        "call demo.queue() before launch()",
        "gradio 4.0.0 changelog: 'Removes deprecated parameters, such as enable_queue from launch()'",
        call="launch",
        kwarg="enable_queue",
    ),
    Removal(
        "gradio",
        "queue(concurrency_count=...)",
        "4.0.0",
        "queue(default_concurrency_limit=...)",
        "gradio 4.0.0 changelog (concurrency_count replaced by default_concurrency_limit)",
        call="queue",
        kwarg="concurrency_count",
    ),
    Removal(
        "gradio",
        "gr.inputs / gr.outputs",
        "4.0.0",
        "the components themselves (gr.Textbox, gr.Image, ...)",
        "gradio 4.0.0 removed the deprecated gr.inputs/gr.outputs ('module gradio has no attribute inputs': xverse-ai/XVERSE-65B#6, shibing624/text2vec#136)",
        prefixes=("gradio.inputs", "gradio.outputs"),
    ),
    Removal(
        "huggingface-hub",
        "huggingface_hub.cached_download",
        "0.26.0",
        "hf_hub_download",
        "huggingface/huggingface_hub#2579 (release 0.26 removes cached_download, url_to_filename, filename_to_url)",
        prefixes=(
            "huggingface_hub.cached_download",
            "huggingface_hub.url_to_filename",
            "huggingface_hub.filename_to_url",
        ),
    ),
    Removal(
        "huggingface-hub",
        "huggingface_hub.HfFolder",
        "1.0.0",
        "huggingface_hub.get_token / login",
        "huggingface_hub v1.0.0 release notes; huggingface/evaluate#701, oobabooga/textgen#7289 (ImportError on 1.0.x)",
        prefixes=("huggingface_hub.HfFolder",),
    ),
    Removal(
        "numpy",
        "np.float / np.int / np.object / np.str / np.complex",
        "1.24.0",
        "the builtins (float, int, bool, object, str, complex) or np.float64 etc.",
        "NumPy 1.24.0 release notes, expired deprecations of the builtin aliases (radiasoft/sirepo#5378, underchemist/nanonispy#21)",
        prefixes=("numpy.float", "numpy.int", "numpy.object", "numpy.str", "numpy.complex"),
    ),
    Removal(
        "pillow",
        "PIL.Image.ANTIALIAS",
        "10.0.0",
        "PIL.Image.LANCZOS (Image.Resampling.LANCZOS)",
        "Pillow 10.0.0 release notes, removed constants (moinwiki/moin#1468, motional/nuplan-devkit#349)",
        prefixes=("PIL.Image.ANTIALIAS",),
    ),
    Removal(
        "openai",
        "openai.ChatCompletion / openai.Completion",
        "1.0.0",
        "client = openai.OpenAI(); client.chat.completions.create(...)",
        "openai-python v1.0.0: APIRemovedInV1, migration guide openai/openai-python#742 (lm-sys/FastChat#2773)",
        prefixes=("openai.ChatCompletion", "openai.Completion", "openai.Embedding", "openai.Image.create"),
    ),
)

SHARED_MODULES: dict[str, tuple[str, ...]] = {
    # module: distributions that install it (normalised names)
    "cv2": (
        "opencv-python",
        "opencv-python-headless",
        "opencv-contrib-python",
        "opencv-contrib-python-headless",
    ),
    "onnxruntime": ("onnxruntime", "onnxruntime-gpu"),
    "faiss": ("faiss-cpu", "faiss-gpu"),
    "psycopg2": ("psycopg2", "psycopg2-binary"),
    "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-gpu"),
    "jwt": ("pyjwt", "jwt"),
    "docx": ("python-docx", "docx"),
    "fitz": ("pymupdf", "fitz"),
    "serial": ("pyserial", "serial"),
}
