import dagre from 'dagre';

// Automatic layout with dagre (layered, left to right). The cytoscape-dagre adapter is not published on Maven Central
// (neither as a webjar nor on mvnpm), so dagre computes the positions here and the canvas applies them as cytoscape's
// `preset` layout.
export function dagrePositions(nodes, edges, { nodeWidth = 170, nodeHeight = 56 } = {}) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: nodeWidth, height: nodeHeight });
  for (const e of edges) {
    if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  }
  dagre.layout(g);
  const positions = {};
  for (const n of nodes) {
    const p = g.node(n.id);
    positions[n.id] = { x: p.x, y: p.y };
  }
  return positions;
}
