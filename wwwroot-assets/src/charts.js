// JS-interop for the ApexChart Blazor component: one chart per element id.
// ApexCharts is a classic script (lib/apexcharts/apexcharts.min.js): loaded once, on first use, and found on window.
const charts = new Map();
let loading = null;

function loadApex() {
  if (window.ApexCharts) return Promise.resolve(true);
  if (!loading) {
    loading = new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = new URL("../lib/apexcharts/apexcharts.min.js", import.meta.url).href;
      script.onload = () => resolve(true);
      script.onerror = () => { loading = null; resolve(false); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

export async function render(elementId, options) {
  destroy(elementId);
  if (!(await loadApex())) return false;
  const el = document.getElementById(elementId);
  if (!el) return false;
  destroy(elementId); // a render started meanwhile for the same element
  const chart = new window.ApexCharts(el, options);
  charts.set(elementId, chart);
  await chart.render();
  return true;
}

// series: the new data; categories: new x-axis labels (bar/line); options: any other option to change (e.g. a donut's
// labels and colors). One updateOptions call, so the axes are computed from the new data.
export function update(elementId, series, categories, options) {
  const chart = charts.get(elementId);
  if (!chart) return false;
  const changes = Object.assign({}, options || {}, { series });
  if (categories) changes.xaxis = Object.assign({}, changes.xaxis || {}, { categories });
  chart.updateOptions(changes, false, false);
  return true;
}

export function destroy(elementId) {
  const chart = charts.get(elementId);
  if (chart) {
    chart.destroy();
    charts.delete(elementId);
  }
}
