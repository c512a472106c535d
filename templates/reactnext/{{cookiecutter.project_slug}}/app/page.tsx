import Link from 'next/link';
import { content } from '@/lib/content';
import { findEntity, withArticle } from '@/lib/display';
import { ui } from '@/lib/ui';

interface UserStory {
  asA: string;
  iWant: string;
  soThat: string;
  entity?: string;
}

/** The landing page: what the app is for and what it does, from the spec and its copy. */
export default function Home() {
  // The default copy reuses the spec's solution as the hero text; say it once.
  const solution: string = content.solution;
  const showSolution = solution !== content.heroCopy;
  const stories: readonly UserStory[] = content.userStories;
  return (
    <div className="space-y-16">
      <section className="relative overflow-hidden rounded-2xl bg-gradient-to-br from-indigo-700 via-indigo-600 to-violet-600 px-6 py-14 text-white shadow-lg sm:px-12 sm:py-20">
        <div className="max-w-3xl">
          <p className="text-sm font-semibold tracking-wide text-indigo-100 uppercase">{content.name}</p>
          <h1 className="mt-3 text-4xl font-bold tracking-tight text-balance sm:text-5xl">
            {content.headline}
          </h1>
          <p className="mt-4 text-lg text-indigo-50 sm:text-xl">{content.tagline}</p>
          <p className="mt-4 max-w-2xl text-indigo-50">{content.heroCopy}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link
              href="/sign-up"
              className="inline-flex items-center rounded-lg bg-white px-5 py-3 text-sm font-semibold text-indigo-700 shadow-sm hover:bg-indigo-50"
            >
              {content.callToAction}
            </Link>
            <Link
              href="/sign-in"
              className="inline-flex items-center rounded-lg border border-white/60 px-5 py-3 text-sm font-semibold text-white hover:bg-white/10"
            >
              Sign in
            </Link>
          </div>
        </div>
      </section>

      <section aria-labelledby="features-heading">
        <h2 id="features-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          What you can do
        </h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {content.features.map((feature) => (
            <li key={feature.title} className={`${ui.card} p-6`}>
              <span
                aria-hidden="true"
                className="grid size-10 place-items-center rounded-lg bg-indigo-50 text-indigo-700"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
                  <path
                    fillRule="evenodd"
                    d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
                    clipRule="evenodd"
                  />
                </svg>
              </span>
              <h3 className="mt-4 text-base font-semibold text-slate-900">{feature.title}</h3>
              <p className="mt-2 text-sm text-slate-600">{feature.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="why-heading" className="grid gap-6 md:grid-cols-2">
        <div className={`${ui.card} p-6 ${showSolution ? '' : 'md:col-span-2'}`}>
          <h2 id="why-heading" className="text-lg font-semibold text-slate-900">
            The problem
          </h2>
          <p className="mt-2 text-slate-600">{content.problem}</p>
        </div>
        {showSolution && (
          <div className={`${ui.card} p-6`}>
            <h2 className="text-lg font-semibold text-slate-900">How {content.name} helps</h2>
            <p className="mt-2 text-slate-600">{solution}</p>
          </div>
        )}
      </section>

      {stories.length > 0 && (
        <section aria-labelledby="stories-heading">
          <h2 id="stories-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
            Who it is for
          </h2>
          <ul className="mt-6 grid gap-4 md:grid-cols-2">
            {stories.map((story) => {
              const entity = findEntity(story.entity);
              return (
                <li key={`${story.asA}:${story.iWant}`} className={`${ui.card} flex flex-col p-6`}>
                  <p className="text-slate-700">
                    As {withArticle(story.asA)}, I want {story.iWant}, so that {story.soThat}.
                  </p>
                  {entity && (
                    <Link href={`/${entity.route}`} className={`${ui.link} mt-4 text-sm`}>
                      Go to {entity.pluralLabel.toLowerCase()} <span aria-hidden="true">→</span>
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section
        className={`${ui.card} flex flex-col items-start gap-4 p-8 sm:flex-row sm:items-center sm:justify-between`}
      >
        <div>
          <h2 className="text-xl font-semibold text-slate-900">Ready to look inside?</h2>
          <p className="mt-1 text-slate-600">
            Create an account: you get a private workspace, and you invite the people who share it.
          </p>
        </div>
        <Link href="/sign-up" className={ui.primaryButton}>
          Create your account
        </Link>
      </section>
    </div>
  );
}
