/** Loads a scenario from the page address (`#scenario=` + base64url JSON), for links and scripted runs. */
import { useEffect } from 'react';
import { useLab } from '../store/labStore';
import { withDefaults, type EditableScenario } from '../store/scenarioEdit';

export function decodeScenario(text: string): EditableScenario {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as EditableScenario;
}

function loadFromHash(): void {
  const m = /^#scenario=(.+)$/.exec(location.hash);
  if (!m) return;
  try {
    useLab.getState().loadScenario(withDefaults(decodeScenario(m[1])));
  } catch {
    useLab.setState({ notice: { kind: 'error', message: 'The scenario in the page address could not be read.', scope: 'scenario' } });
  }
}

export function useScenarioFromHash(): void {
  useEffect(() => {
    loadFromHash();
    window.addEventListener('hashchange', loadFromHash);
    return () => window.removeEventListener('hashchange', loadFromHash);
  }, []);
}
