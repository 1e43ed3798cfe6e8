const FOCUS = 25 * 60;
const BREAK = 5 * 60;
let remaining = FOCUS;
let focusing = true;
let handle = null;

const clock = document.getElementById("clock");
const phase = document.getElementById("phase");

function show() {
  const m = String(Math.floor(remaining / 60)).padStart(2, "0");
  const s = String(remaining % 60).padStart(2, "0");
  clock.textContent = `${m}:${s}`;
  phase.textContent = focusing ? "Focus" : "Break";
}

function tick() {
  remaining -= 1;
  if (remaining < 0) {
    focusing = !focusing;
    remaining = focusing ? FOCUS : BREAK;
  }
  show();
}

document.getElementById("start").onclick = () => {
  if (handle === null) handle = setInterval(tick, 1000);
};
document.getElementById("reset").onclick = () => {
  clearInterval(handle);
  handle = null;
  focusing = true;
  remaining = FOCUS;
  show();
};
show();
