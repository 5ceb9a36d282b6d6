// JS-interop for the ApexChart Blazor component: one chart per element id.
// ApexCharts is loaded as a classic script (lib/apexcharts/apexcharts.min.js) and found on window.
const charts = new Map();

export function render(elementId, options) {
  destroy(elementId);
  const el = document.getElementById(elementId);
  if (!el || !window.ApexCharts) return false;
  const chart = new window.ApexCharts(el, options);
  charts.set(elementId, chart);
  chart.render();
  return true;
}

export function update(elementId, series, categories) {
  const chart = charts.get(elementId);
  if (!chart) return false;
  if (categories) chart.updateOptions({ xaxis: { categories } }, false, false);
  chart.updateSeries(series, false);
  return true;
}

export function destroy(elementId) {
  const chart = charts.get(elementId);
  if (chart) {
    chart.destroy();
    charts.delete(elementId);
  }
}
