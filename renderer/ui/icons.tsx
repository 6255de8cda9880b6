// Shapes that tell kinds and tags apart without relying on colour; always paired with visible text.
import type { NodeKind, Tag } from '../../core/domain/tree';

const svgProps = { width: 18, height: 18, viewBox: '0 0 20 20', 'aria-hidden': true, focusable: false } as const;

export function KindIcon({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case 'enjeu': // a diamond: the stake
      return (
        <svg {...svgProps}>
          <path d="M10 1.5 18.5 10 10 18.5 1.5 10Z" fill="currentColor" />
        </svg>
      );
    case 'objectif': // a target
      return (
        <svg {...svgProps}>
          <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <circle cx="10" cy="10" r="3.5" fill="currentColor" />
        </svg>
      );
    case 'action': // an arrow going forward
      return (
        <svg {...svgProps}>
          <path d="M3 4h7l7 6-7 6H3l7-6Z" fill="currentColor" />
        </svg>
      );
    case 'indicateur': // a bar chart
      return (
        <svg {...svgProps}>
          <path d="M2 17h16v1.8H2Z M3.5 10h3v6h-3Z M8.5 6h3v10h-3Z M13.5 2.5h3V16h-3Z" fill="currentColor" />
        </svg>
      );
  }
}

export function TagIcon({ tag }: { tag: Tag | null }) {
  const p = { ...svgProps, width: 14, height: 14 };
  switch (tag) {
    case 'ajouter':
      return (
        <svg {...p}>
          <path d="M8 2h4v6h6v4h-6v6H8v-6H2V8h6Z" fill="currentColor" />
        </svg>
      );
    case 'garder':
      return (
        <svg {...p}>
          <path d="m2 10.5 2.6-2.6 3.6 3.6L15.4 4.3 18 6.9l-9.8 9.8Z" fill="currentColor" />
        </svg>
      );
    case 'repenser':
      return (
        <svg {...p}>
          <path d="M10 3a7 7 0 1 0 7 7h-2.6A4.4 4.4 0 1 1 10 5.6V8l4-3.5L10 1Z" fill="currentColor" />
        </svg>
      );
    case 'renouveler':
      return (
        <svg {...p}>
          <path
            d="M3 9a7 7 0 0 1 12-4.3V2h2.5v7h-7V6.5h3A4.5 4.5 0 0 0 5.5 9Zm14 2a7 7 0 0 1-12 4.3V18H2.5v-7h7v2.5h-3a4.5 4.5 0 0 0 8-2.5Z"
            fill="currentColor"
          />
        </svg>
      );
    case 'jeter':
      return (
        <svg {...p}>
          <path d="m4.3 1.5 5.7 5.7 5.7-5.7 2.8 2.8-5.7 5.7 5.7 5.7-2.8 2.8-5.7-5.7-5.7 5.7-2.8-2.8 5.7-5.7-5.7-5.7Z" fill="currentColor" />
        </svg>
      );
    case 'mettre-en-veille':
      return (
        <svg {...p}>
          <path d="M4 2.5h4.2v15H4Zm7.8 0H16v15h-4.2Z" fill="currentColor" />
        </svg>
      );
    case null:
      return (
        <svg {...p}>
          <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="3 2.5" />
        </svg>
      );
  }
}
