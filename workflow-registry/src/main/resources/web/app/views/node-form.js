import { JSONEditor } from '@json-editor/json-editor';

// Node settings as forms generated from the node's JSON Schema (@json-editor/json-editor): one form per field group
// of the node definition (its `field_groups`, then "Other" for any setting no group names), defaults from the schema.
// Every input carries data-field = the JSON pointer of its setting inside the node's params (e.g. /width).

function pointer(path) {
  // json-editor paths: root.width, root.retry_policy.max_attempts, root.angles.0
  return '/' + path.split('.').slice(1).map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function groupsOf(definition) {
  const properties = definition.settings_schema?.properties || {};
  const named = new Set();
  const groups = [];
  for (const g of definition.field_groups || []) {
    const fields = (g.fields || []).filter((f) => f in properties && !named.has(f));
    fields.forEach((f) => named.add(f));
    if (fields.length) groups.push({ key: g.key, label: g.label, fields });
  }
  const rest = Object.keys(properties).filter((f) => !named.has(f));
  if (rest.length) groups.push({ key: 'other', label: 'Other', fields: rest });
  return groups;
}

function subSchema(schema, fields) {
  const properties = {};
  for (const f of fields) properties[f] = schema.properties[f];
  return {
    type: 'object',
    // the group's box has its own legend: no "root" header from the form library
    options: { compact: true, disable_collapse: true },
    properties,
    required: (schema.required || []).filter((f) => fields.includes(f)),
    additionalProperties: false,
    ...(schema.definitions ? { definitions: schema.definitions } : {}),
  };
}

/**
 * A node's settings form in `element`. `params` are the node's own params; `onChange(values)` receives the merged
 * values of every group (defaults included) after each edit. `readOnly` disables every input.
 */
export class NodeForm {
  constructor(element, definition, params, { onChange = () => {}, readOnly = false } = {}) {
    this.element = element;
    this.editors = [];
    this.onChange = onChange;
    const schema = definition.settings_schema || { type: 'object', properties: {} };
    const defaults = definition.defaults || {};
    const start = { ...defaults, ...(params || {}) };
    for (const group of groupsOf(definition)) {
      const box = document.createElement('fieldset');
      box.className = 'field-group';
      box.dataset.group = group.key;
      const legend = document.createElement('legend');
      legend.textContent = group.label;
      box.append(legend);
      const holder = document.createElement('div');
      box.append(holder);
      element.append(box);
      const startval = {};
      for (const f of group.fields) if (f in start) startval[f] = start[f];
      const editor = new JSONEditor(holder, {
        schema: subSchema(schema, group.fields), startval, theme: 'html', iconlib: null, disable_collapse: true,
        disable_edit_json: true, disable_properties: true, disable_array_delete_last_row: true,
        disable_array_reorder: true, show_errors: 'never', show_opt_in: true, no_additional_properties: true,
        compact: false, prompt_before_delete: false, use_default_values: true,
      });
      editor.on('ready', () => {
        this.tag(editor);
        if (readOnly) editor.disable();
        editor.on('change', () => {
          this.tag(editor);
          if (this.ready) this.onChange(this.value());
        });
      });
      this.editors.push(editor);
    }
    // the forms emit a change while they build themselves: only edits after that count
    setTimeout(() => { this.ready = true; }, 0);
  }

  /** Marks every input with data-field; a text edit (input event) is passed on as a change at once. */
  tag(editor) {
    for (const [path, sub] of Object.entries(editor.editors || {})) {
      if (path === 'root' || !sub) continue;
      const inputs = [sub.input, sub.input_checkbox].filter(Boolean);
      for (const input of inputs) {
        if (input.dataset.field) continue;
        input.dataset.field = pointer(path);
        input.addEventListener('input', () => input.dispatchEvent(new Event('change', { bubbles: true })));
      }
      if (sub.container) sub.container.dataset.fieldContainer = pointer(path);
    }
  }

  value() {
    const out = {};
    for (const editor of this.editors) Object.assign(out, editor.getValue() || {});
    return out;
  }

  /** Shows the registry's errors next to their fields: pointer → messages. */
  showErrors(errors) {
    this.element.querySelectorAll('.field-error').forEach((e) => e.remove());
    this.element.querySelectorAll('[data-field][data-invalid]').forEach((e) => e.removeAttribute('data-invalid'));
    for (const [field, messages] of errors) {
      const input = this.element.querySelector(`[data-field="${CSS.escape(field)}"]`);
      const note = document.createElement('div');
      note.className = 'field-error';
      note.dataset.testid = 'field-error';
      note.dataset.errorField = field;
      note.textContent = messages.join('; ');
      if (input) {
        input.dataset.invalid = 'true';
        input.insertAdjacentElement('afterend', note);
      } else {
        // a field inside a setting the form shows as a whole (or not at all): beside the form
        note.textContent = `${field}: ${note.textContent}`;
        this.element.prepend(note);
      }
    }
  }

  destroy() {
    this.editors.forEach((e) => e.destroy());
    this.element.replaceChildren();
  }
}
