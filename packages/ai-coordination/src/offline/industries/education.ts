import type { IndustryProfile } from '../industry-profile';

export const education: IndustryProfile = {
  key: 'education',
  keywords: ['education', 'edtech', 'learning', 'school', 'course', 'tutor', 'student', 'teaching'],
  problem: 'Independent tutors juggle spreadsheets to track students, lessons and progress.',
  entities: [
    {
      name: 'Student',
      description: 'A learner.',
      fields: 'fullName:string(120), email:email, gradeLevel:integer(1..13)?',
    },
    {
      name: 'Course',
      description: 'A subject taught over several lessons.',
      fields: 'title:string(120), summary:text(2000), level:enum(beginner|intermediate|advanced)',
    },
    {
      name: 'Lesson',
      description: 'One session of a course, optionally one-to-one with a student.',
      fields:
        'course:ref(Course)!cascade, student:ref(Student)?, title:string(120), scheduledAt:datetime, durationMinutes:integer(5..480)',
    },
    {
      name: 'Assessment',
      description: 'A graded check of progress in a course.',
      fields:
        'student:ref(Student)!cascade, course:ref(Course)?, score:number(0..100), takenAt:date, feedback:text(2000)?',
    },
  ],
  personas: [
    {
      name: 'Independent tutor',
      description: 'Teaches 20-40 students a week.',
      painPoints: ['Scheduling back-and-forth', 'Showing parents progress'],
    },
    {
      name: 'Parent',
      description: 'Pays for lessons for a child.',
      painPoints: ['No visibility of progress', 'Missed lessons'],
    },
  ],
  competitors: [
    {
      name: 'Teachable',
      description: 'Online course platform.',
      weakness: 'Built for recorded courses, not live tutoring',
    },
    { name: 'TutorBird', description: 'Tutor studio software.', weakness: 'Dated interface' },
  ],
  tamUsd: 9_000_000_000,
  basePriceUsd: 29,
  features: ['Lesson calendar', 'Progress reports', 'Course catalogue', 'Parent portal'],
};
