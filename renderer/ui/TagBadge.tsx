import { TAG_FAMILY, TAG_LABELS, UNDECIDED_LABEL, type Tag } from '../../core/domain/tree';
import { TagIcon } from './icons';

/** Short text on the badge; the full label stays in TAG_LABELS for forms. */
export const TAG_BADGE_TEXT: Record<Tag, string> = {
  ajouter: 'À ajouter',
  garder: 'À garder',
  repenser: 'À repenser',
  renouveler: 'À renouveler',
  jeter: 'À jeter',
  'mettre-en-veille': 'En veille',
};

export function TagBadge({ tag }: { tag: Tag | null }) {
  if (tag === null) {
    return (
      <span className="tag-badge tag-none">
        <TagIcon tag={null} />
        {UNDECIDED_LABEL}
      </span>
    );
  }
  return (
    <span className={`tag-badge tag-${TAG_FAMILY[tag]} tag-v-${tag}`} title={TAG_LABELS[tag]}>
      <TagIcon tag={tag} />
      {TAG_BADGE_TEXT[tag]}
    </span>
  );
}
