import { CodeSlots, type MvpSpec } from '@startup-factory/contracts';
import { entityNames } from './naming';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Copy drawn from the spec itself, for when no AI-written slots are given. */
export function defaultSlots(spec: MvpSpec): CodeSlots {
  return CodeSlots.parse({
    headline: clip(spec.name, 120),
    tagline: clip(spec.tagline, 200),
    heroCopy: clip(spec.solution, 1000),
    features: spec.entities.slice(0, 8).map((entity) => ({
      title: clip(entityNames(entity).pluralLabel, 80),
      description: clip(
        entity.description || `Create, list and edit ${entityNames(entity).pluralLabel.toLowerCase()}.`,
        300,
      ),
    })),
    callToAction: 'Get started',
    draftedOffline: spec.draftedOffline,
  });
}
