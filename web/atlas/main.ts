// The atlas page: the national picture the 2008 inspection could not draw, from the public GraphQL API alone
// with the key entered on the page. Each chart has a table beside it holding the same numbers (and the
// suppressed ones, as "c"), so the picture can be read without the chart and checked against the API.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from "chart.js";
import { storedKey, storeKey } from "../common/key";
import "../common/page.css";
import "./atlas.css";
import { ApiError, boardsOf, expectations, type Figure, regionsIn, type RegionYear, silentBoardsIn, YEARS } from "./data";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Legend, Tooltip);
// Drawn at once: no animation to wait for, and a screenshot shows the final picture.
Chart.defaults.animation = false;
Chart.defaults.font.family = "system-ui, sans-serif";

const SUPPRESSED = "c";
const STATUS_SYMBOL: Record<string, string> = { SUPPRESSED: "c", NOT_AVAILABLE: "x", NOT_APPLICABLE: "z" };
const FURTHEST = 5;
const PALETTE = ["#1d5fa7", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#be185d", "#4b5563"];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const charts = new Map<string, { destroy(): void }>();

function draw(id: string, config: ConstructorParameters<typeof Chart>[1]): void {
  charts.get(id)?.destroy();
  charts.set(id, new Chart($<HTMLCanvasElement>(id), config));
}

const plain = (value: number, digits: number) => (Number.isInteger(value) ? String(value) : value.toFixed(digits));

/** A table cell for a figure: its value, or the GSS symbol for why there is none. */
function cell(figure: Figure, format: (v: number) => string = (v) => plain(v, 2)): HTMLTableCellElement {
  const td = document.createElement("td");
  td.dataset.status = figure.status;
  if (figure.value !== null) {
    td.dataset.value = String(figure.value);
    td.textContent = format(figure.value);
  } else {
    td.textContent = STATUS_SYMBOL[figure.status] ?? "–";
    td.title = figure.status.toLowerCase().replace("_", " ");
  }
  return td;
}

function textCell(text: string): HTMLTableCellElement {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

function fillTable(id: string, rows: HTMLTableCellElement[][]): void {
  const body = $<HTMLTableElement>(id).tBodies[0]!;
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement("tr");
      tr.append(...cells);
      return tr;
    }),
  );
}

const shown = (f: Figure) => (f.value === null ? null : f.value);

async function boardsChart(year: string, key: string, national: RegionYear["national"]): Promise<void> {
  const perDeath = national.reviewsPerQualifyingDeath;
  const boards = await boardsOf(year, key);
  const ranked = expectations(boards, perDeath);
  const hidden = boards.length - ranked.length;
  const maxDeaths = Math.max(1, ...ranked.map((b) => b.qualifyingDeaths.value!));
  const rate = perDeath.value ?? 0;
  draw("boards-chart", {
    type: "scatter",
    data: {
      datasets: [
        {
          label: "Boards",
          data: ranked.map((b) => ({ x: b.qualifyingDeaths.value!, y: b.reviewsInitiated.value! })),
          backgroundColor: "rgba(29, 95, 167, 0.55)",
        },
        {
          type: "line",
          label: `Expected at England's rate (${plain(rate, 3)} reviews per qualifying death)`,
          data: [
            { x: 0, y: 0 },
            { x: maxDeaths, y: maxDeaths * rate },
          ],
          borderColor: "#c2410c",
          borderDash: [6, 4],
          pointRadius: 0,
        },
      ],
    },
    options: {
      scales: {
        x: { title: { display: true, text: "Qualifying deaths" }, beginAtZero: true },
        y: { title: { display: true, text: "Reviews initiated" }, beginAtZero: true },
      },
      plugins: {
        tooltip: {
          callbacks: { label: (c) => (c.datasetIndex === 0 ? `${ranked[c.dataIndex]!.name}: ${c.parsed.x} deaths, ${c.parsed.y} reviews` : "") },
        },
      },
    },
  });
  const count = (f: Figure) => (f.value === null ? (STATUS_SYMBOL[f.status] ?? "–") : String(f.value));
  $("boards-rate").textContent =
    `England: ${count(national.reviewsInitiated)} reviews initiated for ${count(national.qualifyingDeaths)} qualifying deaths, ` +
    (perDeath.value === null ? "no rate to expect reviews from." : `${plain(perDeath.value, 3)} per qualifying death.`);
  $("boards-suppressed").textContent =
    hidden === 0
      ? `${boards.length} boards plotted.`
      : `${ranked.length} of ${boards.length} boards plotted; ${hidden} have a suppressed figure (${SUPPRESSED}) and are not drawn.`;
  const signed = (v: number) => (v > 0 ? "+" : "") + plain(v, 2);
  fillTable(
    "furthest-table",
    ranked
      .slice(0, FURTHEST)
      .map((b) => [
        textCell(b.name),
        textCell(b.region),
        cell(b.qualifyingDeaths),
        cell(b.reviewsInitiated),
        cell({ value: b.expected, status: "OK" }),
        cell({ value: b.residual, status: "OK" }, signed),
      ]),
  );
  fillTable(
    "boards-table",
    boards.map((b) => [textCell(b.name), textCell(b.region), cell(b.qualifyingDeaths), cell(b.reviewsInitiated)]),
  );
}

function ratesChart(chosen: RegionYear): void {
  const names = chosen.regions.map((r) => r.name);
  draw("rates-chart", {
    type: "bar",
    data: {
      labels: names,
      datasets: [
        {
          label: "Death rate (qualifying deaths per 10,000 children)",
          data: chosen.regions.map((r) => shown(r.deathRate)),
          backgroundColor: "#b91c1c",
        },
        {
          label: "Review rate (reviews initiated per 10,000 children)",
          data: chosen.regions.map((r) => shown(r.reviewRate)),
          backgroundColor: "#1d5fa7",
        },
      ],
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: "per 10,000 children aged 0-17" } } } },
  });
  fillTable(
    "rates-table",
    chosen.regions.map((r) => [textCell(r.name), cell(r.deathRate, (v) => v.toFixed(3)), cell(r.reviewRate, (v) => v.toFixed(3))]),
  );
}

function inadequateChart(byYear: Map<string, RegionYear>): void {
  const years = [...byYear.keys()];
  const first = byYear.get(years[0]!)!;
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  draw("inadequate-chart", {
    type: "line",
    data: {
      labels: years,
      datasets: first.regions.map((region, i) => ({
        label: region.name,
        data: years.map((y) => {
          const share = byYear.get(y)!.regions.find((r) => r.code === region.code)!.inadequateShare;
          return share.value === null ? null : share.value * 100;
        }),
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        spanGaps: false,
      })),
    },
    options: { scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: "Inadequate share of reviews evaluated (%)" } } } },
  });
  const head = $<HTMLTableElement>("inadequate-table").tHead!.rows[0]!;
  head.replaceChildren(textCell("Region"), ...years.map((y) => textCell(y)));
  fillTable(
    "inadequate-table",
    first.regions.map((region) => [
      textCell(region.name),
      ...years.map((y) => cell(byYear.get(y)!.regions.find((r) => r.code === region.code)!.inadequateShare, percent)),
    ]),
  );
}

async function silentTable(year: string, key: string): Promise<void> {
  const silent = await silentBoardsIn(year, key);
  $("silent-count").textContent = `${silent.length} boards in force for the whole of ${year} initiated no serious case review in it.`;
  fillTable(
    "silent-table",
    silent.map((b) => [textCell(b.name), textCell(b.region), cell(b.qualifyingDeaths)]),
  );
}

function setStatus(state: "idle" | "loading" | "ready" | "error", message: string): void {
  document.body.dataset.state = state;
  $("status").textContent = message;
}

async function show(): Promise<void> {
  const key = storedKey();
  const year = $<HTMLSelectElement>("year").value;
  if (key === "") return setStatus("idle", "Enter an API key to draw the atlas.");
  setStatus("loading", `Asking the API about ${year}…`);
  try {
    // One request at a time: a key may run only a few at once, and these are small.
    const byYear = new Map<string, RegionYear>();
    for (const y of YEARS) byYear.set(y, await regionsIn(y, key));
    const chosen = byYear.get(year)!;
    $("role").textContent = chosen.role;
    document.body.dataset.role = chosen.role;
    for (const el of document.querySelectorAll<HTMLElement>(".year")) el.textContent = year;
    await boardsChart(year, key, chosen.national);
    ratesChart(chosen);
    inadequateChart(byYear);
    await silentTable(year, key);
    const suppressed = document.querySelectorAll('td[data-status="SUPPRESSED"]').length;
    setStatus("ready", suppressed > 0 ? `Drawn. ${suppressed} figures are suppressed for this key (shown as ${SUPPRESSED}).` : "Drawn.");
  } catch (error) {
    setStatus("error", error instanceof ApiError ? error.message : `The request failed: ${(error as Error).message}`);
  }
}

function start(): void {
  const select = $<HTMLSelectElement>("year");
  select.replaceChildren(...YEARS.map((y) => new Option(y, y, y === "2007-08", y === "2007-08")));
  const input = $<HTMLInputElement>("api-key");
  input.value = storedKey();
  $<HTMLFormElement>("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    storeKey(input.value);
    void show();
  });
  $("forget").addEventListener("click", () => {
    storeKey("");
    input.value = "";
    setStatus("idle", "Key forgotten. Enter an API key to draw the atlas.");
  });
  select.addEventListener("change", () => void show());
  void show();
}

start();
