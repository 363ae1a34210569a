// Draws the Jupyter kernel's logos (assets/kernel/logo-32x32.png and logo-64x64.png): a stack of
// frames beside a heap block with an arrow between them, memsim's picture of memory in small.
import { writeFileSync } from "node:fs";
import { createCanvas } from "@napi-rs/canvas";

function logo(size) {
  const canvas = createCanvas(size, size);
  const g = canvas.getContext("2d");
  const u = size / 32;
  g.fillStyle = "#1e2430";
  g.beginPath();
  g.roundRect(0, 0, size, size, 6 * u);
  g.fill();
  // the stack: three frames
  g.fillStyle = "#4f9dde";
  for (let i = 0; i < 3; i++) g.fillRect(4 * u, (6 + i * 7) * u, 9 * u, 5 * u);
  // the heap: one object
  g.fillStyle = "#f2b544";
  g.beginPath();
  g.roundRect(19 * u, 12 * u, 9 * u, 10 * u, 2 * u);
  g.fill();
  // a name referring to it
  g.strokeStyle = "#e8ecf2";
  g.lineWidth = 1.6 * u;
  g.beginPath();
  g.moveTo(10 * u, 15.5 * u);
  g.lineTo(17 * u, 15.5 * u);
  g.stroke();
  g.fillStyle = "#e8ecf2";
  g.beginPath();
  g.moveTo(19 * u, 15.5 * u);
  g.lineTo(16 * u, 13.3 * u);
  g.lineTo(16 * u, 17.7 * u);
  g.closePath();
  g.fill();
  return canvas.toBuffer("image/png");
}

for (const size of [32, 64]) writeFileSync(`assets/kernel/logo-${size}x${size}.png`, logo(size));
