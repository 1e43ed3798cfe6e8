"""Data for the requirements rules, each entry with its source.

REMOVED_APIS: APIs a later release removed. `pattern` is matched against the
resolved dotted names the code imports or references (`numpy.float`), or, for `kwarg`, a
keyword argument of a call whose last name is `call` (`.launch(enable_queue=...)`).
`removed_in` is the first release without
it. Verified entries only: every version here is from the project's release notes or from the
migration issues cited. (`np.bool` is not listed: NumPy 2.0 brought it back.)

IMPLIED_PINS / HOLDERS: what else in a Space fixes or may cap a package's version.

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
    call: str | tuple[str, ...] | None = None  # last name of the callee (or several)
    kwarg: str | tuple[str, ...] | None = None  # a removed keyword argument (or several)

    @property
    def calls(self) -> tuple[str, ...]:
        return (self.call,) if isinstance(self.call, str) else tuple(self.call or ())

    @property
    def kwargs(self) -> tuple[str, ...]:
        return (self.kwarg,) if isinstance(self.kwarg, str) else tuple(self.kwarg or ())


_GRADIO_4 = "gradio 4.0.0 changelog (breaking changes of the 4.0 release)"
_NUMPY_2 = (
    "NumPy 2.0.0 release notes, 'NumPy 2.0 Python API removals' (numpy/_expired_attrs_2_0.py; ruff NPY201; "
    "fmaussion/salem#241, sandialabs/pyGSTi#413)"
)

_PANDAS_2 = "pandas 2.0.0 release notes, 'Removal of prior version deprecations/changes'"

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
        "gradio",
        "gr.Image/gr.Audio/gr.Video(source=...)",
        "4.0.0",
        "sources=[...] (a list: sources=['microphone'])",
        f"{_GRADIO_4}; 'Audio.__init__() got an unexpected keyword argument source' (OpenMotionLab/MotionGPT#54, OpenTalker/SadTalker#857)",
        call=("Image", "Audio", "Video"),
        kwarg="source",
    ),
    Removal(
        "gradio",
        "component.style(...)",
        "4.0.0",
        "the same settings as constructor arguments (gr.Chatbot(height=500))",
        f"{_GRADIO_4}; \"'Chatbot' object has no attribute 'style'\" (zai-org/VisualGLM-6B#315, gradio-app/gradio#7092)",
        call="style",
    ),
    Removal(
        "gradio",
        "gr.ChatInterface(retry_btn / undo_btn / clear_btn=...)",
        "5.0.0",
        "drop them: the buttons are built into gr.Chatbot in Gradio 5",
        "'Migrating to Gradio 5' (gradio-app/gradio#9463); TypeError reports gradio-app/gradio#9917, aihpi/workshop-rag-legacy#4",
        call="ChatInterface",
        kwarg=("retry_btn", "undo_btn", "clear_btn"),
    ),
    Removal(
        "gradio",
        "gr.Blocks(theme / css / js / head=...)",
        "6.0.0",
        "pass them to launch(): demo.launch(theme=..., css=...)",
        "Gradio 6 migration guide ('App-level parameters have been moved from Blocks to launch()'); "
        "\"BlockContext.__init__() got an unexpected keyword argument 'css'\" (gradio-app/gradio#12486, nari-labs/dia#286)",
        call="Blocks",
        kwarg=("theme", "css", "css_paths", "js", "head", "head_paths"),
    ),
    Removal(
        "gradio",
        "launch(show_api=...)",
        "6.0.0",
        "launch(footer_links=[...]) / api_visibility on events",
        "gradio 6.0.0 changelog ('Rename show_api', #11908); \"Blocks.launch() got an unexpected keyword argument 'show_api'\" on a Space running Gradio 6 (huggingface.co/spaces/Halconx/Free-TTS_)",
        call="launch",
        kwarg="show_api",
    ),
    Removal(
        "gradio",
        "gr.ChatInterface(type=...)",
        "6.0.0",
        "drop type=: Gradio 6 only has the messages format",
        "Gradio 6 migration guide (tuples format removed); 'ChatInterface.__init__() got an unexpected keyword argument type' (ed-donner/llm_engineering#1219)",
        call="ChatInterface",
        kwarg="type",
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
        "huggingface-hub",
        "huggingface_hub.InferenceApi / huggingface_hub.Repository",
        "1.0.0",
        "InferenceClient; upload_file / upload_folder / create_commit",
        "huggingface/huggingface_hub#3344 ('[v1.0] Remove HfFolder and InferenceAPI classes'); v1 release post huggingface/blog#3136 ('The Git-based Repository class is gone')",
        prefixes=("huggingface_hub.InferenceApi", "huggingface_hub.inference_api", "huggingface_hub.Repository"),
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
        "numpy",
        "np.NaN / np.Inf / np.float_ / np.string_ / np.unicode_ / np.product / np.alltrue ...",
        "2.0.0",
        "np.nan, np.inf, np.float64, np.bytes_, np.str_, np.prod, np.all, np.any, np.round",
        _NUMPY_2,
        prefixes=(
            "numpy.NaN", "numpy.NAN", "numpy.Inf", "numpy.Infinity", "numpy.infty", "numpy.PINF", "numpy.NINF",
            "numpy.float_", "numpy.complex_", "numpy.string_", "numpy.unicode_", "numpy.round_",
            "numpy.product", "numpy.cumproduct", "numpy.alltrue", "numpy.sometrue", "numpy.asfarray",
            "numpy.find_common_type", "numpy.cast", "numpy.longfloat", "numpy.singlecomplex",
        ),
    ),
    Removal(
        "pandas",
        "DataFrame.append / Series.append",
        "2.0.0",
        "pd.concat([df, other], ignore_index=True)",
        _PANDAS_2 + "; materialsproject/pymatgen#2935 (df.append replaced by pd.concat)",
        # Only the calls with one of append's own keywords: a bare `.append(x)` is a list's too.
        call="append",
        kwarg=("ignore_index", "verify_integrity", "sort"),
    ),
    Removal(
        "pandas",
        ".iteritems()",
        "2.0.0",
        ".items()",
        _PANDAS_2 + "; simonw/csvs-to-sqlite#92, cadmiumkitty/rdfpandas#17 (Series.iteritems gone in 2.0)",
        call="iteritems",
    ),
    Removal(
        "pandas",
        "read_csv(error_bad_lines=... / warn_bad_lines=...)",
        "2.0.0",
        "on_bad_lines='error' | 'warn' | 'skip'",
        _PANDAS_2 + "; simonw/csvs-to-sqlite#92 (error_bad_lines removed in 2.0.0)",
        call=("read_csv", "read_table"),
        kwarg=("error_bad_lines", "warn_bad_lines"),
    ),
    Removal(
        "pandas",
        "to_csv(line_terminator=...)",
        "2.0.0",
        "to_csv(lineterminator=...)",
        _PANDAS_2 + " (line_terminator renamed lineterminator in 1.5, the old name removed in 2.0)",
        call="to_csv",
        kwarg="line_terminator",
    ),
    Removal(
        "pandas",
        "pd.Int64Index / pd.UInt64Index / pd.Float64Index / pandas.util.testing",
        "2.0.0",
        "pd.Index(values, dtype=...); pandas.testing",
        _PANDAS_2 + "; pandas-dev/pandas-stubs#624 (the 2.0 removals list)",
        prefixes=("pandas.Int64Index", "pandas.UInt64Index", "pandas.Float64Index", "pandas.util.testing"),
    ),
    Removal(
        "pandas",
        "pd.np / pd.datetime (numpy and datetime re-exported by pandas)",
        "2.0.0",
        "use the modules themselves: `import numpy as np`, `from datetime import datetime`",
        _PANDAS_2 + " ('Removed the pandas.np submodule', 'Removed pandas.datetime submodule'; both deprecated "
        "in 1.0); \"module 'pandas' has no attribute 'np'\": anhaidgroup/py_entitymatching#166, "
        "OasisLMF/OasisPlatform#985, vfilimonov/co2meter#28",
        # Resolved names: only `pd.np.x` / `pandas.datetime.x` through the pandas alias match, never a
        # `np` imported from numpy or `datetime` from the standard library.
        prefixes=("pandas.np", "pandas.datetime"),
    ),
    Removal(
        "diffusers",
        "diffusers.utils.randn_tensor / diffusers.utils.is_compiled_module",
        "0.21.0",
        "from diffusers.utils.torch_utils import randn_tensor, is_compiled_module",
        "huggingface/diffusers#4829 (lazy imports; the torch helpers left diffusers.utils), released in 0.21.0 "
        "(huggingface/trl#843); ImportError reports huggingface/diffusers#5025, yangxy/PASD#14",
        prefixes=("diffusers.utils.randn_tensor", "diffusers.utils.is_compiled_module"),
    ),
    Removal(
        "pydantic",
        "pydantic.BaseSettings",
        "2.0.0",
        "`from pydantic_settings import BaseSettings` (add pydantic-settings)",
        "pydantic V2 migration guide ('BaseSettings has moved to pydantic-settings'); PydanticImportError reports pydantic/pydantic#6777, oughtinc/ice#319",
        prefixes=("pydantic.BaseSettings",),
    ),
    Removal(
        "langchain",
        "langchain.chains / langchain.memory / langchain.indexes / langchain.schema",
        "1.0.0",
        "langchain_classic (pip install langchain-classic) or the langchain_core equivalents",
        "LangChain v1 migration guide (legacy modules moved to langchain-classic); langchain-ai/langchain#33933, langchain-ai/docs#5106, braintrustdata/braintrust-sdk-python#112",
        prefixes=("langchain.chains", "langchain.memory", "langchain.indexes", "langchain.schema"),
    ),
    Removal(
        "transformers",
        "transformers.AutoModelForVision2Seq / transformers.HybridCache",
        "5.0.0",
        "AutoModelForImageTextToText; the cache classes of transformers 5",
        "transformers v5 (MIGRATION_GUIDE_V5.md); 'cannot import name AutoModelForVision2Seq / HybridCache' (huggingface/transformers#45278, open-compass/VLMEvalKit#1675)",
        prefixes=("transformers.AutoModelForVision2Seq", "transformers.HybridCache"),
    ),
    Removal(
        "diffusers",
        "diffusers.models.cross_attention",
        "0.20.0",
        "diffusers.models.attention_processor (CrossAttention is now Attention)",
        "diffusers 0.20.0 release (cross_attention module removed, huggingface/diffusers#4299; ssube/onnx-web#405, "
        "adobe-research/custom-diffusion#77: \"No module named 'diffusers.models.cross_attention'\")",
        prefixes=("diffusers.models.cross_attention",),
    ),
    Removal(
        "diffusers",
        "diffusers.utils.DIFFUSERS_CACHE",
        "0.25.0",
        "huggingface_hub.constants.HF_HUB_CACHE",
        "diffusers 0.25.0 removed the cache constants (huggingface/optimum-intel#497 'Fix compatibility with "
        "diffusers 0.25.0'; Sanster/tldream#5, guoyww/AnimateDiff#367)",
        prefixes=("diffusers.utils.DIFFUSERS_CACHE",),
    ),
    Removal(
        "pillow",
        "PIL.Image.ANTIALIAS / Image.LINEAR / Image.CUBIC",
        "10.0.0",
        "PIL.Image.LANCZOS, Image.BILINEAR, Image.BICUBIC (Image.Resampling.*)",
        "Pillow 10.0.0 release notes, removed constants (moinwiki/moin#1468, motional/nuplan-devkit#349)",
        prefixes=("PIL.Image.ANTIALIAS", "PIL.Image.LINEAR", "PIL.Image.CUBIC"),
    ),
    Removal(
        "pillow",
        "ImageDraw.textsize(...)",
        "10.0.0",
        "draw.textbbox(...) or draw.textlength(...)",
        "Pillow 10.0.0 release notes, 'Font size and offset methods' (python-pillow/Pillow#7523, Coldcard/firmware#255)",
        call="textsize",
    ),
    Removal(
        "scipy",
        "scipy.integrate.simps / trapz / cumtrapz",
        "1.14.0",
        "scipy.integrate.simpson / trapezoid / cumulative_trapezoid",
        "SciPy 1.14.0 release notes, expired deprecations (scipy/scipy#21070, POSYDON-code/POSYDON#343)",
        prefixes=("scipy.integrate.simps", "scipy.integrate.trapz", "scipy.integrate.cumtrapz"),
    ),
    Removal(
        "streamlit",
        "st.experimental_rerun",
        "1.37.0",
        "st.rerun()",
        "Streamlit API reference: 'deprecated in version 1.27.0 and removed in version 1.37.0'",
        prefixes=("streamlit.experimental_rerun",),
    ),
    Removal(
        "streamlit",
        "st.experimental_get_query_params / st.experimental_set_query_params / st.experimental_user",
        "1.54.0",
        "st.query_params, st.user",
        "Streamlit 2026 release notes, version 1.54.0 (experimental query-param functions and experimental_user removed)",
        prefixes=(
            "streamlit.experimental_get_query_params",
            "streamlit.experimental_set_query_params",
            "streamlit.experimental_user",
        ),
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

# Pins that come with something the Space installs anyway, read from the packages' own metadata
# (`Requires-Dist` of the wheels on PyPI). `when` is the range of the installing package the pin
# holds for: only releases checked are covered (3.40.0, 3.50.2, 4.0.0 for numpy~=1.0; 4.0.0,
# 4.44.1, 5.0.0, 5.49.1, 6.0.0 for pydantic>=2; 5.49.1, 6.0.0 for huggingface-hub>=0.33.5).


@dataclass(frozen=True)
class ImpliedPin:
    by: str  # the distribution that brings the pin (gradio: the SDK's own install)
    when: str  # versions of `by` it holds for
    distribution: str
    spec: str
    source: str


IMPLIED_PINS: tuple[ImpliedPin, ...] = (
    ImpliedPin("gradio", ">=3.40.0,<=4.0.0", "numpy", "~=1.0", "gradio 3.40.0 / 3.50.2 / 4.0.0 wheel metadata: Requires-Dist numpy~=1.0"),
    ImpliedPin("gradio", ">=4.0.0", "pydantic", ">=2.0", "gradio 4.0.0 / 4.44.1 / 5.0.0 / 5.49.1 / 6.0.0 wheel metadata: Requires-Dist pydantic>=2.0"),
    ImpliedPin("gradio", ">=5.49.1", "huggingface-hub", ">=0.33.5,<2.0", "gradio 5.49.1 / 6.0.0 wheel metadata: Requires-Dist huggingface-hub<2.0,>=0.33.5"),
)

# Packages whose releases put an upper bound on another one, so that an old pin of them can hold
# it back (scipy, numba and tensorflow releases each cap numpy; gradio custom components cap
# gradio). Used only to say "may be held back" (a warning), never to clear a finding.
HOLDERS: dict[str, tuple[str, ...]] = {
    "numpy": ("scipy", "numba", "llvmlite", "tensorflow", "tensorflow-cpu", "tensorflow-gpu", "gradio",
              "mediapipe", "thinc", "spacy", "pandas", "scikit-learn", "opencv-python", "opencv-python-headless",
              "opencv-contrib-python", "torch", "onnxruntime", "tensorflow-intel", "numexpr", "librosa", "pyarrow"),
    "pydantic": ("fastapi", "gradio", "langchain", "openai", "spacy", "chromadb", "pydantic-settings", "sqlmodel"),
    "huggingface-hub": ("transformers", "diffusers", "datasets", "gradio", "sentence-transformers", "tokenizers",
                        "accelerate", "peft", "timm", "evaluate", "gradio-client"),
    "gradio": ("gradio-client",),
    "pillow": ("gradio", "streamlit", "matplotlib", "imageio", "moviepy", "scikit-image", "torchvision"),
    "langchain": ("langchain-community", "langchain-openai", "langchain-core", "langchain-text-splitters",
                  "langchain-huggingface", "langchain-groq", "langchain-google-genai", "langchain-chroma"),
    "moviepy": (),
    "diffusers": (),
    "transformers": ("sentence-transformers", "peft", "trl", "optimum", "auto-gptq", "vllm"),
    "scipy": ("scikit-learn", "numba"),
    "streamlit": (),
    "openai": ("langchain-openai", "llama-index", "guidance"),
}
# So many packages cap these that any old pin in the file may hold them back.
WIDELY_CAPPED = frozenset({"numpy", "pydantic"})

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
