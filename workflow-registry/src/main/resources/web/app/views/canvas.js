import cytoscape from 'cytoscape';
import { dagrePositions } from './layout.js';

// The graph canvas: cytoscape (pan, zoom, drag nodes, select). Editing gestures on the canvas: drag a node to move it,
// shift-click another node to draw an edge from the selected node to it, select an edge and press Delete (or
// Backspace) to remove it, right-click the background for the insert menu (onContext).

export const STATUS_COLORS = {
  pending: '#9aa5b1', queued: '#7aa6d8', running: '#f0b429', completed: '#3ebd93', failed: '#e12d39',
  skipped: '#cbd2d9', cancelled: '#616e7c',
};

const STYLE = [
  { selector: 'node', style: {
    shape: 'round-rectangle', width: 150, height: 44, 'background-color': '#e4ecf7', 'border-width': 1,
    'border-color': '#52606d', label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'font-size': 11,
    color: '#1f2933' } },
  { selector: 'node[status]', style: { 'background-color': (n) => STATUS_COLORS[n.data('status')] || '#e4ecf7' } },
  { selector: 'node[?invalid]', style: { 'border-color': '#e12d39', 'border-width': 3 } },
  { selector: 'node:selected', style: { 'border-color': '#2680c2', 'border-width': 3 } },
  { selector: 'edge', style: { width: 2, 'line-color': '#7b8794', 'target-arrow-color': '#7b8794',
    'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
  { selector: 'edge[?invalid]', style: { 'line-color': '#e12d39', 'target-arrow-color': '#e12d39' } },
  { selector: 'edge:selected', style: { 'line-color': '#2680c2', 'target-arrow-color': '#2680c2', width: 3 } },
];

export class GraphCanvas {
  constructor(element, { editable = false, onSelect = () => {}, onMove = () => {}, onConnect = () => {},
    onDeleteEdge = () => {}, onContext = () => {} } = {}) {
    this.cy = cytoscape({ container: element, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 2.5,
      boxSelectionEnabled: false, autoungrabify: !editable });
    this.selected = null;
    this.editable = editable;
    this.layoutKey = '';
    this.cy.on('tap', 'node', (evt) => {
      const id = evt.target.id();
      if (editable && evt.originalEvent?.shiftKey && this.selected && this.selected !== id) {
        onConnect(this.selected, id);
        return;
      }
      this.selected = id;
      onSelect(id);
    });
    this.cy.on('tap', (evt) => {
      if (evt.target === this.cy) {
        this.selected = null;
        onSelect(null);
      }
    });
    if (editable) {
      this.cy.on('dragfree', 'node', () => onMove(this.positions()));
      this.cy.on('cxttap', (evt) => {
        if (evt.target === this.cy) onContext(evt.position, evt.renderedPosition);
      });
      element.tabIndex = 0;
      element.addEventListener('keydown', (e) => {
        if (e.key !== 'Delete' && e.key !== 'Backspace') return;
        this.cy.edges(':selected').forEach((edge) => onDeleteEdge(edge.data('source'), edge.data('target')));
      });
    }
  }

  /** Shows the graph: nodes [{id, label, status?, invalid?, position?}], edges [{from, to, invalid?}]. */
  show(nodes, edges) {
    const missing = nodes.some((n) => !n.position);
    const positions = missing ? dagrePositions(nodes, edges) : {};
    const elements = [
      ...nodes.map((n) => ({ group: 'nodes', data: { id: n.id, label: n.label, status: n.status, invalid: n.invalid || undefined },
        position: n.position ? { ...n.position } : positions[n.id] })),
      ...edges.map((e) => ({ group: 'edges', data: { id: `${e.from}->${e.to}`, source: e.from, target: e.to,
        invalid: e.invalid || undefined } })),
    ];
    const first = this.cy.elements().length === 0;
    this.cy.batch(() => {
      const wanted = new Set(elements.map((el) => el.data.id));
      this.cy.elements().forEach((el) => { if (!wanted.has(el.id())) el.remove(); });
      for (const el of elements) {
        const existing = this.cy.getElementById(el.data.id);
        if (existing.nonempty()) {
          existing.removeData('status invalid');
          existing.data(el.data);
          if (el.group === 'nodes' && el.position && !existing.grabbed()) existing.position(el.position);
        } else {
          this.cy.add(el);
        }
      }
      this.cy.nodes().unselect();
      if (this.selected) this.cy.getElementById(this.selected).select();
    });
    // a read-only graph (the run page) is fitted again whenever its nodes or their positions change, e.g. when the
    // saved config's positions replace the automatic ones; an editable one only at first, not after every drag
    const layoutKey = elements.filter((el) => el.group === 'nodes')
      .map((el) => `${el.data.id}@${Math.round(el.position?.x ?? 0)},${Math.round(el.position?.y ?? 0)}`).join(';');
    const relayout = layoutKey !== this.layoutKey;
    this.layoutKey = layoutKey;
    if (elements.length && (first || (!this.editable && relayout))) {
      this.fit();
      // the container may get its final size only after this frame's layout (the run page's grid): fit again then
      requestAnimationFrame(() => this.fit());
    }
  }

  select(id) {
    this.selected = id;
    this.cy.nodes().unselect();
    if (id) this.cy.getElementById(id).select();
  }

  positions() {
    const out = {};
    this.cy.nodes().forEach((n) => { out[n.id()] = { ...n.position() }; });
    return out;
  }

  /** Re-aligns the nodes with dagre; returns the new positions. */
  autoLayout(nodes, edges) {
    const positions = dagrePositions(nodes, edges);
    this.cy.layout({ name: 'preset', positions: (n) => positions[n.id()], fit: true, padding: 30 }).run();
    return positions;
  }

  fit() {
    this.cy.resize();
    this.cy.fit(undefined, 30);
    if (this.cy.zoom() > 1.2) {
      this.cy.zoom(1.2);
      this.cy.center();
    }
  }

  destroy() {
    this.cy.destroy();
  }
}
