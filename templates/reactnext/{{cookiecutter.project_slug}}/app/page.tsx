import Link from 'next/link';
import { content } from '@/lib/content';
import { entityList } from '@/lib/entities';

export default function Home() {
  const first = entityList[0];
  return (
    <>
      <header>
        <h1>{content.headline}</h1>
        <p>{content.tagline}</p>
        <p>{content.heroCopy}</p>
        {first && <Link href={`/${first.route}/new`}>{content.callToAction}</Link>}
      </header>
      <section>
        {content.features.map((feature) => (
          <article key={feature.title}>
            <h2>{feature.title}</h2>
            <p>{feature.description}</p>
          </article>
        ))}
      </section>
      <section>
        <h2>What you can do</h2>
        <ul>
          {content.userStories.map((story) => (
            <li key={`${story.asA}:${story.iWant}`}>
              As {story.asA}, I want {story.iWant}, so that {story.soThat}.
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
